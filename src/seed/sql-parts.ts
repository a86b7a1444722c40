import {
  BRAND_CHARS, BRANDS_EN, CITIES, CN_MOBILE_PREFIXES, COMPANY_SUFFIXES_EN, COMPANY_SUFFIXES_ZH, FIRST_NAMES_EN, GIVEN_NAMES,
  INDUSTRIES, LAST_NAMES_EN, PERSONAL_DOMAINS_CN, PERSONAL_DOMAINS_EN, SOURCES, STREETS_EN, STREETS_ZH, SURNAMES, TAGS,
  TITLES_EN, TITLES_ZH, US_CITIES,
} from './names'

/**
 * SQL fragments for the set-based generator. Every pick is `pool[1 + h % n]` with h a
 * deterministic hash of the row number (hashint8extended), so two runs make the same rows.
 */

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`
/** A text[] literal; PostgreSQL folds it once per statement. */
export const arr = (list: string[]) => `(ARRAY[${list.map(quote).join(',')}]::text[])`
/** pool[1 + h % n] for a hash expression h (non-negative). */
export const pick = (list: string[], h: string) => `${arr(list)}[1 + (${h}) % ${list.length}]`

/** Non-negative 30-bit hash k of the row number g: independent streams for independent choices. */
export const hash = (k: number, g = 'g', seed = 20261125) => `(hashint8extended(${g}, ${seed + k}) & 1073741823)`

/**
 * A UUIDv7 for a timestamp: 48-bit Unix milliseconds, then the random bits of a v4 UUID with its
 * version nibble turned from 4 (0100) into 7 (0111) by setting bits 52 and 53.
 */
export const uuid7 = (ts: string) =>
  `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from ${ts}) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`

export const P = {
  cityZh: CITIES.map((c) => c.zh),
  cityPy: CITIES.map((c) => c.pinyin),
  region: CITIES.map((c) => c.region),
  area: CITIES.map((c) => c.areaCode),
  localDigits: CITIES.map((c) => String(c.localDigits ?? 8)),
  postal: CITIES.map((c) => c.postal),
  streetZh: STREETS_ZH,
  brandZh: BRAND_CHARS.map((b) => b[0]),
  brandPy: BRAND_CHARS.map((b) => b[1]),
  industry: INDUSTRIES.map((i) => i.zh),
  industryWord: INDUSTRIES.map((i) => i.word),
  industryEn: INDUSTRIES.map((i) => i.en),
  industryDomain: INDUSTRIES.map((i) => i.domain),
  suffixZh: COMPANY_SUFFIXES_ZH,
  suffixEn: COMPANY_SUFFIXES_EN,
  surname: SURNAMES.map((s) => s[0]),
  surnamePy: SURNAMES.map((s) => s[1]),
  given: GIVEN_NAMES.map((s) => s[0]),
  givenPy: GIVEN_NAMES.map((s) => s[1]),
  first: FIRST_NAMES_EN,
  last: LAST_NAMES_EN,
  brandEn: BRANDS_EN,
  usCity: US_CITIES.map((c) => c.city),
  usState: US_CITIES.map((c) => c.state),
  usArea: US_CITIES.map((c) => c.areaCode),
  usZip: US_CITIES.map((c) => c.zip),
  streetEn: STREETS_EN,
  mobile: CN_MOBILE_PREFIXES,
  tags: TAGS,
  sources: SOURCES,
  mailCn: PERSONAL_DOMAINS_CN,
  mailEn: PERSONAL_DOMAINS_EN,
  titleZh: TITLES_ZH,
  titleEn: TITLES_EN,
}

/** Same index into parallel pools (a name and its pinyin). */
export const at = (list: string[], idx: string) => `${arr(list)}[1 + ${idx}]`

/** E.164 numbers: a China mobile (+86 1xx xxxx xxxx) or a US number with a valid exchange. */
export const cnMobile = (h1: string, h2: string) => `'+86' || ${pick(P.mobile, h1)} || lpad(((${h2}) % 100000000)::text, 8, '0')`
/** Landlines start with 2–6 (some 8… ranges are not assigned) and have 8 local digits, 7 in Xiamen. */
export const cnLandline = (cityIdx: string, h: string) =>
  `'+86' || ${at(P.area, cityIdx)} || (2 + (${h}) % 5)::text || left(lpad(((${h}) / 5 % 10000000)::text, 7, '0'), ${at(P.localDigits, cityIdx)}::int - 1)`
export const usPhone = (cityIdx: string, h: string) =>
  `'+1' || ${at(P.usArea, cityIdx)} || (2 + (${h}) % 8)::text || (2 + (${h}) / 8 % 8)::text || ((${h}) / 64 % 10)::text || lpad(((${h}) / 640 % 10000)::text, 4, '0')`

/** Customers of rows g in [lo, hi]; position (g - first) / count spreads created_at over three years. */
export function customersInsert(lo: number, hi: number, first: number, count: number): string {
  const h = (k: number) => hash(k)
  return `
INSERT INTO customers (id, type, name, email, phone, company, website, industry, address, tags, status, source,
                       owner_id, team_id, description, created_at, updated_at, created_by, version)
SELECT ${uuid7('y.created_at')}, y.type, y.name, y.email, y.phone, y.company, y.website, y.industry, y.address, y.tags,
       y.status, y.source, o.user_id, o.team_id, y.description, y.created_at, y.updated_at, o.user_id, y.version
FROM (
  SELECT x.g, x.h16, x.created_at,
    CASE WHEN x.person THEN 'person' ELSE 'company' END AS type,
    CASE
      WHEN x.zh AND x.person THEN ${at(P.surname, 'x.sur')} || ${at(P.given, 'x.giv')}
      WHEN x.zh THEN ${at(P.cityZh, 'x.city')} || ${at(P.brandZh, 'x.b1')} || ${at(P.brandZh, 'x.b2')} || ${at(P.industryWord, 'x.ind')} || ${pick(P.suffixZh, 'x.h9')}
      WHEN x.person THEN ${at(P.first, 'x.fn')} || ' ' || ${at(P.last, 'x.ln')}
      ELSE ${at(P.brandEn, 'x.e1')} || ' ' || ${at(P.brandEn, 'x.e2')} || ' ' || ${at(P.industryEn, 'x.ind')} || ' ' || ${pick(P.suffixEn, 'x.h9')}
    END AS name,
    CASE
      WHEN x.h10 % 100 < 6 THEN NULL
      WHEN x.zh AND x.person THEN ${at(P.givenPy, 'x.giv')} || '.' || ${at(P.surnamePy, 'x.sur')} || CASE WHEN x.h11 % 3 = 0 THEN (x.h11 % 100)::text ELSE '' END || '@' || ${pick(P.mailCn, 'x.h12')}
      WHEN x.zh THEN ${pick(['info', 'sales', 'contact', 'service', 'market'], 'x.h11')} || '@' || ${at(P.brandPy, 'x.b1')} || ${at(P.brandPy, 'x.b2')} || '-' || ${at(P.industryDomain, 'x.ind')} || ${pick(['.cn', '.com', '.com.cn'], 'x.h12')}
      WHEN x.person THEN lower(${at(P.first, 'x.fn')} || '.' || ${at(P.last, 'x.ln')}) || CASE WHEN x.h11 % 3 = 0 THEN (x.h11 % 100)::text ELSE '' END || '@' || ${pick(P.mailEn, 'x.h12')}
      ELSE ${pick(['info', 'sales', 'hello', 'contact'], 'x.h11')} || '@' || lower(${at(P.brandEn, 'x.e1')} || ${at(P.brandEn, 'x.e2')}) || '.com'
    END AS email,
    CASE
      WHEN x.h13 % 100 < 5 THEN NULL
      WHEN NOT x.zh THEN ${usPhone('x.us', 'x.h14')}
      WHEN x.person OR x.h13 % 2 = 0 THEN ${cnMobile('x.h13', 'x.h14')}
      ELSE ${cnLandline('x.city', 'x.h14')}
    END AS phone,
    CASE WHEN x.person AND x.h15 % 100 < 40 THEN
      CASE WHEN x.zh THEN ${at(P.cityZh, 'x.city')} || ${at(P.brandZh, 'x.b1')} || ${at(P.brandZh, 'x.b2')} || ${at(P.industryWord, 'x.ind')} || '有限公司'
           ELSE ${at(P.brandEn, 'x.e1')} || ' ' || ${at(P.industryEn, 'x.ind')} || ' Inc.' END
    END AS company,
    CASE WHEN x.person THEN NULL WHEN x.zh THEN 'https://www.' || ${at(P.brandPy, 'x.b1')} || ${at(P.brandPy, 'x.b2')} || '-' || ${at(P.industryDomain, 'x.ind')} || ${pick(['.cn', '.com', '.com.cn'], 'x.h12')}
         ELSE 'https://www.' || lower(${at(P.brandEn, 'x.e1')} || ${at(P.brandEn, 'x.e2')}) || '.com' END AS website,
    CASE WHEN x.person THEN NULL ELSE ${at(P.industry, 'x.ind')} END AS industry,
    CASE
      WHEN x.h15 % 10 = 0 THEN NULL
      WHEN x.zh THEN jsonb_build_object('country', '中国', 'region', ${at(P.region, 'x.city')}, 'city', ${at(P.cityZh, 'x.city')} || '市',
        'street', ${pick(P.streetZh, 'x.h16')} || (1 + x.h16 % 999)::text || '号', 'postalCode', ${at(P.postal, 'x.city')})
      ELSE jsonb_build_object('country', 'United States', 'region', ${at(P.usState, 'x.us')}, 'city', ${at(P.usCity, 'x.us')},
        'street', (1 + x.h16 % 9999)::text || ' ' || ${pick(P.streetEn, 'x.h15')}, 'postalCode', ${at(P.usZip, 'x.us')})
    END AS address,
    array_remove(ARRAY[
      CASE WHEN x.h10 % 100 < 35 THEN ${at(P.tags, 'x.h11 % ' + P.tags.length)} END,
      CASE WHEN x.h10 % 100 < 12 THEN ${at(P.tags, `(x.h11 % ${P.tags.length} + 1 + x.h12 % ${P.tags.length - 1}) % ${P.tags.length}`)} END
    ], NULL) AS tags,
    CASE WHEN x.h12 % 100 < 35 THEN 'prospect' WHEN x.h12 % 100 < 85 THEN 'active' ELSE 'inactive' END AS status,
    CASE WHEN x.h13 % 5 = 0 THEN NULL ELSE ${pick(P.sources, 'x.h9')} END AS source,
    CASE WHEN x.h14 % 10 = 0 THEN ${pick(['重要客户，每季度回访。', '年度框架协议，关注续约时间。', '对价格敏感，需要报价审批。', 'Prefers e-mail; quarterly business review.', 'Evaluating competitors; follow up after the trade show.'], 'x.h15')} END AS description,
    x.created_at + (now() - x.created_at) * power((x.h15 % 1000) / 1000.0, 3) AS updated_at,
    1 + x.h16 % 4 AS version
  FROM (
    SELECT g,
      ${h(1)} % 100 < 75 AS zh,
      ${h(2)} % 100 < 25 AS person,
      ${h(3)} % ${P.cityZh.length} AS city, ${h(3)} % ${P.usCity.length} AS us,
      ${h(4)} % ${P.brandZh.length} AS b1, ${h(5)} % ${P.brandZh.length} AS b2,
      ${h(4)} % ${P.brandEn.length} AS e1, ${h(5)} % ${P.brandEn.length} AS e2,
      ${h(6)} % ${P.industry.length} AS ind,
      ${h(7)} % ${P.surname.length} AS sur, ${h(8)} % ${P.given.length} AS giv,
      ${h(7)} % ${P.first.length} AS fn, ${h(8)} % ${P.last.length} AS ln,
      ${h(9)} AS h9, ${h(10)} AS h10, ${h(11)} AS h11, ${h(12)} AS h12, ${h(13)} AS h13, ${h(14)} AS h14, ${h(15)} AS h15, ${h(16)} AS h16,
      date_trunc('milliseconds', now() - interval '1095 days' + ((g - ${first})::float8 / ${Math.max(count, 1)}) * interval '1095 days' - (${h(17)} % 3600) * interval '1 second') AS created_at
    FROM generate_series(${lo}::bigint, ${hi}::bigint) AS g
  ) x
) y
JOIN seed_owners o ON o.n = 1 + y.h16 % (SELECT count(*) FROM seed_owners)
ORDER BY y.g`
}

/**
 * Contacts of rows g in [lo, hi]: the first `needPrimary` rows become the primary contact of the
 * customers that have none (seed_targets.n = g); the rest go to customers picked by hash.
 */
export function contactsInsert(lo: number, hi: number, needPrimary: number, targets: number, seed: number): string {
  const h = (k: number) => hash(k, 'g', seed)
  return `
INSERT INTO contacts (id, customer_id, name, title, email, phone, is_primary, created_at, updated_at, created_by, version)
SELECT ${uuid7('y.created_at')}, y.customer_id, y.name, y.title, y.email, y.phone, y.is_primary, y.created_at,
       y.created_at + (now() - y.created_at) * power((y.h6 % 1000) / 1000.0, 3), y.created_by, 1 + y.h6 % 3
FROM (
  SELECT x.g, x.h6, t.id AS customer_id, t.owner_id AS created_by, x.g <= ${needPrimary} AS is_primary,
    date_trunc('milliseconds', least(now(), t.created_at + (x.h5 % 7776000) * interval '1 second')) AS created_at,
    CASE WHEN t.zh THEN ${at(P.surname, 'x.sur')} || ${at(P.given, 'x.giv')} ELSE ${at(P.first, 'x.fn')} || ' ' || ${at(P.last, 'x.ln')} END AS name,
    CASE WHEN x.h3 % 10 = 0 THEN NULL WHEN t.zh THEN ${pick(P.titleZh, 'x.h3')} ELSE ${pick(P.titleEn, 'x.h3')} END AS title,
    CASE
      WHEN x.h4 % 100 < 10 THEN NULL
      WHEN t.zh THEN ${at(P.givenPy, 'x.giv')} || '.' || ${at(P.surnamePy, 'x.sur')} || CASE WHEN t.domain IS NULL THEN (x.h4 % 100)::text ELSE '' END
                     || '@' || coalesce(t.domain, ${pick(P.mailCn, 'x.h4')})
      ELSE lower(${at(P.first, 'x.fn')} || '.' || ${at(P.last, 'x.ln')}) || CASE WHEN t.domain IS NULL THEN (x.h4 % 100)::text ELSE '' END
                     || '@' || coalesce(t.domain, ${pick(P.mailEn, 'x.h4')})
    END AS email,
    CASE WHEN x.h5 % 100 < 8 THEN NULL WHEN t.zh THEN ${cnMobile('x.h5', 'x.h6')} ELSE ${usPhone('x.h5 % 10', 'x.h6')} END AS phone
  FROM (
    SELECT g,
      CASE WHEN g <= ${needPrimary} THEN g ELSE 1 + ${h(1)} % ${Math.max(targets, 1)} END AS n,
      ${h(2)} % ${P.surname.length} AS sur, ${h(7)} % ${P.given.length} AS giv,
      ${h(2)} % ${P.first.length} AS fn, ${h(7)} % ${P.last.length} AS ln,
      ${h(3)} AS h3, ${h(4)} AS h4, ${h(5)} AS h5, ${h(6)} AS h6
    FROM generate_series(${lo}::bigint, ${hi}::bigint) AS g
  ) x
  JOIN seed_targets t ON t.n = x.n
) y
ORDER BY y.g`
}
