import { statementMigration } from '../migration-statements'

/**
 * Chinese (and Japanese, Korean) search for one- and two-character terms anywhere in a name.
 *
 * The trigram index needs three characters: "云帆" has no trigram inside 杭州云帆网络科技有限公司
 * (a CJK name is one long "word" to pg_trgm), and "张" none at all. kith_cjk_grams() lists, for
 * every run of CJK characters in a text, each character, each pair of neighbours (bigram) and each
 * pair one apart ("杭_云", used to find a name with its middle character wrong). A GIN index on
 * it answers `grams @> ARRAY['云帆']` from the index alone, on PGlite (which has pg_trgm but not
 * pg_bigm) as on PostgreSQL.
 *
 * Expression indexes over the name columns, not a stored column: creating them reads each table
 * once (no rewrite, no new column; ~10-20 s per million rows, during which writes to the table
 * wait), and they do not depend on `search_text`, whose definition other changes may alter.
 * The expressions must stay exactly as src/db/text-search.ts (GRAM_SOURCES) writes them in queries.
 */
const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff'

const grams = `CREATE FUNCTION kith_cjk_grams(t text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 500 AS $$
  SELECT coalesce(array_agg(DISTINCT x.g), '{}')
  FROM regexp_matches(t, '[${CJK}]+', 'g') AS m(r),
       generate_series(1, char_length(m.r[1])) AS i,
       LATERAL (VALUES (substr(m.r[1], i, 1)),
                       (CASE WHEN i < char_length(m.r[1]) THEN substr(m.r[1], i, 2) END),
                       (CASE WHEN i + 1 < char_length(m.r[1]) THEN substr(m.r[1], i, 1) || '_' || substr(m.r[1], i + 2, 1) END)) AS x(g)
  WHERE x.g IS NOT NULL
$$`

const indexes = [
  ['customers', `name || ' ' || coalesce(company, '')`],
  ['contacts', `name || ' ' || coalesce(title, '')`],
  ['leads', `name || ' ' || coalesce(company, '')`],
  ['products', `name`],
  ['opportunities', `name`],
  ['tickets', `subject || ' ' || coalesce(contact_name, '')`],
  ['campaigns', `name || ' ' || coalesce(email_subject, '')`],
] as const

export const { up, down } = statementMigration(
  [grams, ...indexes.map(([table, source]) => `CREATE INDEX ${table}_cjk_idx ON ${table} USING gin (kith_cjk_grams(${source}))`)],
  [...indexes.map(([table]) => `DROP INDEX ${table}_cjk_idx`), 'DROP FUNCTION kith_cjk_grams(text)'],
)
