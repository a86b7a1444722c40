import { sql, type Kysely } from 'kysely'

/**
 * Tells the planner what pg_trgm's similarity operators really cost. They are declared with the
 * default COST 1 (like `=` on integers), but `search_text %> 'term'` computes and compares trigram
 * sets, ~5 µs a row. Believing it cheap, the planner answered `… WHERE search_text %> '欧阳' LIMIT 40`
 * over 2M contacts with a sequential scan that scored ~4,000 rows (20 ms) instead of the trigram
 * index (2 ms). COST 100 makes it prefer the index whenever the filter would run on many rows.
 *
 * The functions belong to the extension: where Kith's database user does not own them (a managed
 * server whose administrator created pg_trgm), this is skipped with a notice rather than failing.
 */
const functions = ['word_similarity_commutator_op(text, text)', 'word_similarity_op(text, text)', 'similarity_op(text, text)', 'word_similarity(text, text)']

const setCost = (cost: number) => `DO $$
BEGIN
  ${functions.map((f) => `ALTER FUNCTION ${f} COST ${cost};`).join('\n  ')}
EXCEPTION WHEN insufficient_privilege THEN
  RAISE NOTICE 'kith: cannot change the cost of pg_trgm functions (not their owner); searches may plan worse';
END $$`

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw(setCost(100)).execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql.raw(setCost(1)).execute(db)
}
