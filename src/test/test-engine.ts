import pg from 'pg'

/** Which engine this run uses: PGlite by default, the local PostgreSQL with TEST_DB=postgres. */
export const testEngine = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite'
export const PG_ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
// Overridable so two checkouts on one machine can run the PostgreSQL suite side by side.
export const TEMPLATE_DB = process.env.KITH_TEST_TEMPLATE ?? 'kith_test_template'

export const pgUrl = (database: string) => {
  const url = new URL(PG_ADMIN_URL)
  url.pathname = `/${database}`
  return url.toString()
}

export async function adminQuery(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL })
  await client.connect()
  try {
    await client.query(sqlText)
  } finally {
    await client.end()
  }
}
