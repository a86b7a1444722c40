import { mkdirSync } from 'node:fs'
import { Kysely, PostgresDialect, CamelCasePlugin, type Transaction } from 'kysely'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { DB } from './schema'

export type { DB }
export type Db = Kysely<DB>
/** What repository functions take: the database or a transaction opened by a service. */
export type Executor = Kysely<DB> | Transaction<DB>

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  close(): Promise<void>
}

// numeric stays a string (money must never become a float); int8 counts fit in a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v))
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v)

export interface OpenOptions {
  databaseUrl?: string
  dataDir?: string
  /** PGlite only: keep the database in memory (tests). */
  memory?: boolean
  poolSize?: number
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const plugins = [new CamelCasePlugin()]
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10 })
    // An idle connection that dies (database restart, failover, a dropped test database) is
    // replaced on the next checkout; unhandled, its 'error' event would crash the process.
    pool.on('error', (err) => console.warn(`database connection lost: ${err.message}`))
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins })
    return { db, kind: 'postgres', close: () => db.destroy() }
  }
  let dataDir: string | undefined
  if (!opts.memory) {
    dataDir = opts.dataDir ?? './data'
    mkdirSync(dataDir, { recursive: true })
  }
  const pglite = await PGlite.create({
    dataDir,
    extensions: { pg_trgm },
    parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
  })
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins })
  return { db, kind: 'pglite', close: () => db.destroy() }
}
