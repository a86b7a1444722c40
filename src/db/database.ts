import { chmodSync, mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import { Kysely, PostgresDialect, CamelCasePlugin, CompiledQuery, type Transaction } from 'kysely'
import pg from 'pg'
import type { DB } from './schema'
import { DataDirUnreadableError, lockDataDir } from './data-dir-lock'
import { pgliteCopySessions, postgresCopySessions, type CopySessionRunner } from './copy-session'

export type { DB }
export type Db = Kysely<DB>
/** What repository functions take: the database or a transaction opened by a service. */
export type Executor = Kysely<DB> | Transaction<DB>

/** Raw SQL for libraries that bring their own (pg-boss): no camelCase mapping; several statements allowed when there are no values. */
export type ExecSql = (text: string, values?: unknown[]) => Promise<{ rows: any[] }>

export interface Database {
  db: Db
  kind: 'pglite' | 'postgres'
  execSql: ExecSql
  /** One connection held for a backup or restore, with streaming COPY both ways. */
  copySession: CopySessionRunner
  /** PGlite only: the data directory as a tarball, so tests can start from a migrated copy. */
  dumpDataDir?: () => Promise<Blob>
  close(): Promise<void>
}

/** execSql bound to an open transaction, so a library's writes commit or roll back with the service's. */
export function execSqlIn(trx: Executor): ExecSql {
  const raw = trx.withoutPlugins()
  return async (text, values = []) => ({ rows: (await raw.executeQuery(CompiledQuery.raw(text, values))).rows as any[] })
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
  /** PGlite only: start from this dumped data directory (a migrated snapshot) instead of initdb. */
  loadDataDir?: Blob
  /** PGlite only: what this process is, named to another that finds the data directory taken (`server`, `kith seed`). */
  purpose?: string
}


export async function openDatabase(opts: OpenOptions): Promise<Database> {
  const plugins = [new CamelCasePlugin()]
  if (opts.databaseUrl) {
    // JIT compiles a plan in 30–100 ms; Kith's queries (reports over a year included) finish in less, so it only adds that time.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: '-c jit=off' })
    // An idle connection that dies (database restart, failover, a dropped test database) is
    // replaced on the next checkout; unhandled, its 'error' event would crash the process.
    pool.on('error', (err) => console.warn(`database connection lost: ${err.message}`))
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins })
    // With no values pg uses the simple protocol, which takes several statements at once.
    return { db, kind: 'postgres', execSql: execSqlIn(db), copySession: postgresCopySessions(pool), close: () => db.destroy() }
  }
  let dataDir: string | undefined
  let unlock = () => {}
  if (!opts.memory) {
    dataDir = opts.dataDir ?? './data'
    // Customers' data: readable by the account Kith runs as, no one else (PGlite writes its files 0644).
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    chmodSync(dataDir, 0o700)
    unlock = lockDataDir(dataDir, opts.purpose ?? 'a Kith process')
  }
  // Loaded only here: PGlite's module alone weighs ~50 MB of RSS that a PostgreSQL server never needs.
  const [{ PGlite }, { pg_trgm }, { PGliteDialect }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('kysely-pglite-dialect'),
  ])
  let pglite: InstanceType<typeof PGlite>
  try {
    pglite = await PGlite.create({
      dataDir,
      loadDataDir: opts.loadDataDir,
      extensions: { pg_trgm },
      parsers: { 20: (v: string) => Number(v), 1082: (v: string) => v },
    })
  } catch (err) {
    unlock()
    if (!dataDir) throw err
    throw new DataDirUnreadableError(
      `The embedded database in ${resolve(dataDir)} cannot be opened (PGlite: ${err instanceof Error ? err.message : String(err)}). ` +
        'Its files are damaged, most often because two processes wrote to it at once (Kith before this version did not prevent that) or the disk filled up. ' +
        `Kith cannot repair it: stop every Kith process, move the directory aside (mv ${dataDir} ${dataDir}.damaged) and restore your latest copy of it, or start afresh with an empty one and import your exports again.`,
      { cause: err },
    )
  }
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite), plugins })
  const viaKysely = execSqlIn(db)
  // PGlite's query() takes one statement; exec() takes several. Holding the dialect's single
  // connection while calling exec keeps it serialised with every Kysely query and transaction.
  const execSql: ExecSql = (text, values = []) =>
    values.length > 0
      ? viaKysely(text, values)
      : db.connection().execute(async () => ({ rows: (await pglite.exec(text)).at(-1)?.rows ?? [] }))
  const dumpDataDir = async () => (await pglite.dumpDataDir('none')) as Blob
  const close = async () => {
    try {
      await db.destroy()
    } finally {
      unlock()
    }
  }
  const copySession = pgliteCopySessions(pglite, (fn) => db.connection().execute(fn))
  return { db, kind: 'pglite', execSql, copySession, dumpDataDir, close }
}
