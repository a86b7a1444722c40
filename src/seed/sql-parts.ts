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

/** The default pipeline's stages (migration 1400) with their probabilities, and the path a deal took to reach each. */
const STAGE_PROBABILITY: Record<string, number> = { qualification: 10, needs_analysis: 30, proposal: 60, negotiation: 80, won: 100, lost: 0 }
const DEAL_PRODUCTS_ZH = ['ERP 系统实施', 'CRM 年度订阅', '数据中台建设', '智能仓储改造', '年度维保合同', '云服务器采购', '安全合规咨询', '培训服务包', '生产线自动化升级', '移动办公平台']
const DEAL_PRODUCTS_EN = ['ERP rollout', 'CRM annual subscription', 'Data platform', 'Warehouse automation', 'Annual maintenance', 'Cloud capacity', 'Security audit', 'Training package', 'Production line upgrade', 'Mobile workplace']
const LOST_REASONS_ZH = ['价格过高', '选择了竞争对手', '预算取消', '需求变更', '决策延期']
const LOST_REASONS_EN = ['Price too high', 'Chose a competitor', 'Budget cut', 'Requirements changed', 'No decision']

/**
 * Opportunities of rows g in [lo, hi] over the customers of seed_custs (picked by hash, so a
 * customer has 0–several deals), owned by the customer's owner and team. Stages: ~60% open spread
 * over the four open stages, 25% won, 15% lost (with a reason); probability from the stage; amounts
 * log-uniform 5,000–2,000,000 (CNY 85%, USD 10%, EUR 5%); expected close dates from two months ago
 * to a year ahead when open, the close date when closed. A third of the deals (hashed on created_at)
 * also get their audit history: the 'create' row and, unless still in qualification, one stage change
 * (qualification/negotiation/proposal → stage) at updated_at — what the timeline and history read.
 */
export function opportunitiesInsert(lo: number, hi: number, targets: number, seed: number): string {
  const h = (k: number) => hash(k, 'g', seed)
  const stageCase = `CASE WHEN x.h1 % 100 < 20 THEN 'qualification' WHEN x.h1 % 100 < 35 THEN 'needs_analysis' WHEN x.h1 % 100 < 50 THEN 'proposal'
                          WHEN x.h1 % 100 < 60 THEN 'negotiation' WHEN x.h1 % 100 < 85 THEN 'won' ELSE 'lost' END`
  const prob = `CASE y.stage ${Object.entries(STAGE_PROBABILITY).map(([k, p]) => `WHEN '${k}' THEN ${p}`).join(' ')} END`
  return `
WITH ins AS (
INSERT INTO opportunities (id, name, customer_id, contact_id, owner_id, team_id, stage, amount, currency, probability,
                           expected_close_date, lost_reason, closed_at, created_at, updated_at, created_by, version)
SELECT ${uuid7('y.created_at')}, y.name, y.customer_id, y.contact_id, y.owner_id, y.team_id, y.stage,
       CASE y.currency WHEN 'CNY' THEN y.base ELSE round(y.base / 7, -1) END, y.currency, ${prob},
       CASE WHEN y.stage IN ('won', 'lost') THEN y.updated_at::date ELSE current_date + (y.h4 % 425 - 60)::int END,
       CASE WHEN y.stage = 'lost' THEN CASE WHEN y.zh THEN ${pick(LOST_REASONS_ZH, 'y.h5')} ELSE ${pick(LOST_REASONS_EN, 'y.h5')} END END,
       CASE WHEN y.stage IN ('won', 'lost') THEN y.updated_at END,
       y.created_at, y.updated_at, y.owner_id, CASE WHEN y.stage = 'qualification' THEN 1 ELSE 2 + y.h5 % 3 END
FROM (
  SELECT w.*, date_trunc('milliseconds', w.created_at + (now() - w.created_at) * power((w.h6 % 1000) / 1000.0, 2)) AS updated_at
  FROM (
    SELECT x.g, x.h4, x.h5, x.h6, x.stage, t.id AS customer_id, t.contact_id, t.owner_id, t.team_id, t.zh,
      CASE WHEN t.zh THEN ${pick(DEAL_PRODUCTS_ZH, 'x.h2')} ELSE ${pick(DEAL_PRODUCTS_EN, 'x.h2')} END
        || ' ' || extract(year FROM x.created_at)::int::text || CASE WHEN x.h3 % 7 = 0 THEN CASE WHEN t.zh THEN ' 二期' ELSE ' phase 2' END ELSE '' END AS name,
      round((5000 * power(400, (x.h3 % 10000) / 10000.0))::numeric, -2) AS base,
      CASE WHEN x.h6 % 100 < 85 THEN 'CNY' WHEN x.h6 % 100 < 95 THEN 'USD' ELSE 'EUR' END AS currency,
      greatest(x.created_at, least(now() - interval '1 hour', t.created_at + interval '1 day')) AS created_at
    FROM (
      SELECT g, ${h(1)} AS h1, ${h(2)} AS h2, ${h(3)} AS h3, ${h(4)} AS h4, ${h(5)} AS h5, ${h(6)} AS h6,
        1 + ${h(7)} % ${Math.max(targets, 1)} AS n,
        ${stageCase.replaceAll('x.h1', h(1))} AS stage,
        date_trunc('milliseconds', now() - interval '1 hour' - (${h(8)} % 31536000) * interval '1 second'
          * CASE WHEN ${h(1)} % 100 < 60 THEN 0.5 ELSE 2 END) AS created_at
      FROM generate_series(${lo}::bigint, ${hi}::bigint) AS g
    ) x
    JOIN seed_custs t ON t.n = x.n
  ) w
) y
ORDER BY y.g
RETURNING id, stage, amount, currency, owner_id, customer_id, created_at, updated_at
)
INSERT INTO audit_log (id, at, actor_id, action, entity, entity_id, changes, request_id)
SELECT ${uuid7('e.at')}, e.at, ins.owner_id, e.action, 'opportunity', ins.id, e.changes, 'seed'
FROM ins
CROSS JOIN LATERAL (SELECT CASE ins.stage WHEN 'won' THEN 'negotiation' WHEN 'lost' THEN 'proposal' ELSE 'qualification' END AS first) f
CROSS JOIN LATERAL (VALUES
  ('create', ins.created_at, jsonb_build_object('stage', jsonb_build_object('before', NULL, 'after', f.first),
     'amount', jsonb_build_object('before', NULL, 'after', ins.amount::text), 'currency', jsonb_build_object('before', NULL, 'after', ins.currency),
     'ownerId', jsonb_build_object('before', NULL, 'after', ins.owner_id), 'customerId', jsonb_build_object('before', NULL, 'after', ins.customer_id))),
  ('update', ins.updated_at, jsonb_build_object('stage', jsonb_build_object('before', f.first, 'after', ins.stage)))
) e(action, at, changes)
WHERE hashint8extended(floor(extract(epoch FROM ins.created_at) * 1000)::bigint, ${seed}) % 3 = 0
  AND (e.action = 'create' OR ins.stage <> f.first)`
}

const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note', 'task']
/** Five subjects per type, Chinese then English: pool[1 + type × 10 + (zh ? 0 : 5) + h % 5]. */
const ACTIVITY_SUBJECTS = [
  '电话回访', '跟进报价电话', '需求确认电话', '催款电话', '续约沟通电话', 'Follow-up call', 'Intro call', 'Pricing call', 'Renewal call', 'Check-in call',
  '发送报价单', '发送产品资料', '合同条款邮件', '发送会议纪要', '节日问候邮件', 'Sent the proposal', 'Sent the product sheet', 'Contract terms', 'Meeting notes sent', 'Season\'s greetings',
  '上门拜访', '产品演示', '年度业务回顾', '技术交流会', '商务谈判', 'On-site visit', 'Product demo', 'Quarterly business review', 'Technical workshop', 'Commercial negotiation',
  '客户关注交付周期', '决策人是采购总监', '预算下季度批准', '竞争对手报价更低', '需要法务审核合同', 'Decision maker is the CFO', 'Budget approved next quarter', 'Concerned about lead time', 'Competitor quoted lower', 'Legal must review the contract',
  '准备报价', '安排产品演示', '发送合同', '确认交付计划', '回访满意度', 'Prepare the quote', 'Schedule a demo', 'Send the contract', 'Confirm the delivery plan', 'Satisfaction follow-up',
]
const ACTIVITY_BODIES = ['客户反馈积极，下周再跟进。', '已确认关键需求，待技术评估。', 'Positive call; follow up next week.', 'Waiting for their IT to confirm the integration.']

/**
 * Activities of rows g in [lo, hi] over seed_custs, skewed: the customer is n = 1 + ⌊targets · u^3.3⌋
 * for a uniform u, so the first customers get tens of thousands of activities (deep timelines) and
 * most get a few or none. Types: call 30%, e-mail 20%, meeting 15%, note 20%, task 15%; calls,
 * e-mails and meetings are done when logged; tasks are due 1–14 days after creation, done unless
 * still due or (1 in 10) forgotten. A third link the customer's latest deal (when it has one), calls,
 * e-mails and meetings its primary contact; owner and team are the customer's.
 */
export function activitiesInsert(lo: number, hi: number, targets: number, seed: number): string {
  const h = (k: number) => hash(k, 'g', seed)
  return `
INSERT INTO activities (id, type, subject, body, due_at, completed_at, customer_id, contact_id, opportunity_id, owner_id, team_id,
                        created_at, updated_at, created_by, version)
SELECT ${uuid7('y.created_at')}, y.type, y.subject, y.body, y.due_at,
       CASE WHEN y.type IN ('call', 'email', 'meeting') THEN y.created_at
            WHEN y.type = 'task' AND y.due_at < now() AND y.h3 % 10 <> 0 THEN y.created_at + (y.due_at - y.created_at) * 0.8 END,
       y.customer_id, y.contact_id, y.opportunity_id, y.owner_id, y.team_id, y.created_at, y.created_at, y.owner_id, 1
FROM (
  SELECT x.g, x.h3, x.customer_id, x.owner_id, x.team_id,
    ${arr(ACTIVITY_TYPES)}[1 + x.ty] AS type,
    ${arr(ACTIVITY_SUBJECTS)}[1 + x.ty * 10 + CASE WHEN x.zh THEN 0 ELSE 5 END + x.h2 % 5] AS subject,
    CASE WHEN x.h3 % 4 = 0 THEN ${arr(ACTIVITY_BODIES)}[1 + CASE WHEN x.zh THEN 0 ELSE 2 END + x.h3 / 4 % 2] END AS body,
    CASE WHEN x.ty = 4 THEN date_trunc('hour', x.created_at + (1 + x.h4 % 14) * interval '1 day') END AS due_at,
    CASE WHEN x.ty IN (0, 1, 2) THEN x.contact_id END AS contact_id,
    CASE WHEN x.h4 % 3 = 0 THEN x.opp_id END AS opportunity_id,
    x.created_at
  FROM (
    SELECT z.g, z.h2, z.h3, z.h4, c.id AS customer_id, c.owner_id, c.team_id, c.zh, c.contact_id, c.opp_id,
      CASE WHEN z.h1 % 100 < 30 THEN 0 WHEN z.h1 % 100 < 50 THEN 1 WHEN z.h1 % 100 < 65 THEN 2 WHEN z.h1 % 100 < 85 THEN 3 ELSE 4 END AS ty,
      date_trunc('milliseconds', c.created_at + (now() - c.created_at) * ((z.h5 % 1000000) / 1000000.0)) AS created_at
    FROM (
      SELECT g, ${h(1)} AS h1, ${h(2)} AS h2, ${h(3)} AS h3, ${h(4)} AS h4, ${h(5)} AS h5,
        1 + least(${Math.max(targets, 1) - 1}, floor(${Math.max(targets, 1)} * power((${h(6)} % 1000000000) / 1000000000.0, 3.3))::int) AS n
      FROM generate_series(${lo}::bigint, ${hi}::bigint) AS g
    ) z
    JOIN seed_custs c ON c.n = z.n
  ) x
) y
ORDER BY y.created_at`
}
