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
 * once and computes the grams of every row (no table rewrite, no new column; 46 s for 200,000
 * customers on a 2-core machine at load average 30, so a few minutes for a 1M-customer database
 * on an idle one, during which writes to each table wait for its index), and they do not depend on
 * `search_text`, whose definition other changes may alter. The index is ~75 bytes a row built
 * at once (15 MB for 200,000 customers), several times that when it grew row by row.
 * The expressions must stay exactly as src/db/text-search.ts (GRAM_SOURCES) writes them in queries.
 */
const CJK = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff'

// PL/pgSQL: 3-4x faster per row than the same in one SQL query (regexp_matches × generate_series ×
// array_agg), which is what the index build pays on every row. Repeated grams are left in: the GIN
// index keeps each key of a row once. COST 2000 (~20 µs a row, about two page reads): at the
// default, the planner answered the deal list's `… @> '{万帆}' ORDER BY updated_at DESC LIMIT 11`
// over 100,000 deals by walking the updated_at index and computing the grams of every row (8.4 s)
// instead of reading the gram index and sorting its few matches.
const grams = `CREATE FUNCTION kith_cjk_grams(t text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 2000 AS $$
DECLARE
  run text;
  n int;
  grams text[] := '{}';
BEGIN
  FOR run IN SELECT m[1] FROM regexp_matches(t, '[${CJK}]+', 'g') AS m LOOP
    n := char_length(run);
    FOR i IN 1..n LOOP
      grams := grams || substr(run, i, 1);
      IF i < n THEN grams := grams || substr(run, i, 2); END IF;
      IF i + 1 < n THEN grams := grams || (substr(run, i, 1) || '_' || substr(run, i + 2, 1)); END IF;
    END LOOP;
  END LOOP;
  RETURN grams;
END
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
