import { once } from 'node:events'
import type { PGlite } from '@electric-sql/pglite'
import type pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'

/**
 * One connection held for a whole backup or restore, with COPY both ways. The two engines stream
 * differently: PostgreSQL through COPY … STDOUT/STDIN (pg-copy-streams), PGlite through its
 * '/dev/blob' device, which holds a whole result — so PGlite copies out a table in ranges of
 * pages and copies in bounded slices, and neither engine ever holds a whole table in memory.
 */
export interface CopySession {
  query<R = Record<string, unknown>>(text: string, values?: unknown[]): Promise<R[]>
  /** The table's rows as COPY text (one line a row), in chunks. */
  copyOut(table: string, columns: string[]): AsyncIterable<Buffer>
  /** Loads COPY text into the table; returns the rows loaded. */
  copyIn(table: string, columns: string[], data: AsyncIterable<Buffer>): Promise<number>
}

export type CopySessionRunner = <T>(fn: (session: CopySession) => Promise<T>) => Promise<T>

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`
const columnList = (columns: string[]) => columns.map(quoteIdent).join(', ')

// COPY text of dates, times and floats depends on these: fixed, so a checksum taken on one engine
// holds on the other and a restore reads back the very values written.
const SESSION_SETTINGS = [
  `SET TimeZone = 'UTC'`,
  `SET DateStyle = 'ISO, YMD'`,
  `SET IntervalStyle = 'postgres'`,
  `SET extra_float_digits = 3`,
  `SET client_encoding = 'UTF8'`,
]

export function postgresCopySessions(pool: pg.Pool): CopySessionRunner {
  return async (fn) => {
    const client = await pool.connect()
    try {
      for (const s of SESSION_SETTINGS) await client.query(s)
      const result = await fn({
        query: async (text, values) => (await client.query(text, values)).rows,
        async *copyOut(table, columns) {
          const stream = client.query(copyTo(`COPY ${quoteIdent(table)} (${columnList(columns)}) TO STDOUT`))
          for await (const chunk of stream) yield chunk as Buffer
        },
        async copyIn(table, columns, data) {
          const stream = client.query(copyFrom(`COPY ${quoteIdent(table)} (${columnList(columns)}) FROM STDIN`))
          const done = new Promise<void>((resolve, reject) => {
            stream.on('finish', resolve)
            stream.on('error', reject)
          })
          try {
            for await (const chunk of data) {
              if (!stream.write(chunk)) await once(stream, 'drain')
            }
          } catch (err) {
            // The source failed (a damaged file): end the COPY with an error so the connection stays usable for ROLLBACK.
            stream.destroy(err as Error)
            await done.catch(() => {})
            throw err
          }
          stream.end()
          await done
          return stream.rowCount
        },
      })
      return result
    } finally {
      // The session's settings (time zone…) must not leak to the pool's other users: drop the connection.
      client.release(true)
    }
  }
}

const PAGES_PER_SLICE = 2048
const SLICE_BYTES = 16 * 1024 * 1024

export function pgliteCopySessions(pglite: PGlite, hold: <T>(fn: () => Promise<T>) => Promise<T>): CopySessionRunner {
  return (fn) =>
    hold(async () => {
      const restore = await pglite.query<{ tz: string; ds: string; ivs: string; efd: string }>(
        `SELECT current_setting('TimeZone') tz, current_setting('DateStyle') ds, current_setting('IntervalStyle') ivs, current_setting('extra_float_digits') efd`,
      )
      for (const s of SESSION_SETTINGS) await pglite.query(s)
      try {
        return await fn({
          query: async (text, values) => (await pglite.query(text, values)).rows as any[],
          async *copyOut(table, columns) {
            const [{ pages }] = (
              await pglite.query<{ pages: number }>(`SELECT (pg_relation_size($1::regclass) / current_setting('block_size')::int)::int AS pages`, [quoteIdent(table)])
            ).rows
            // Ranges of heap pages by ctid (a TID range scan): no sort, no key needed, each row once.
            for (let start = 0; start < Math.max(pages, 1); start += PAGES_PER_SLICE) {
              const upper = start + PAGES_PER_SLICE < pages ? ` AND ctid < '(${start + PAGES_PER_SLICE},0)'::tid` : ''
              const sql = `COPY (SELECT ${columnList(columns)} FROM ${quoteIdent(table)} WHERE ctid >= '(${start},0)'::tid${upper}) TO '/dev/blob'`
              const res = await pglite.query(sql)
              if (res.blob && res.blob.size > 0) yield Buffer.from(await res.blob.arrayBuffer())
            }
          },
          async copyIn(table, columns, data) {
            const sql = `COPY ${quoteIdent(table)} (${columnList(columns)}) FROM '/dev/blob'`
            let rows = 0
            const load = async (slice: Buffer) => {
              if (slice.length > 0) rows += (await pglite.query(sql, [], { blob: new Blob([slice as Uint8Array<ArrayBuffer>]) })).affectedRows ?? 0
            }
            let pending: Buffer[] = []
            let size = 0
            for await (const chunk of data) {
              pending.push(chunk)
              size += chunk.length
              if (size < SLICE_BYTES) continue
              const joined = Buffer.concat(pending)
              const cut = joined.lastIndexOf(0x0a) + 1
              await load(joined.subarray(0, cut))
              pending = [joined.subarray(cut)]
              size = pending[0].length
            }
            await load(Buffer.concat(pending))
            return rows
          },
        })
      } finally {
        const [r] = restore.rows
        await pglite.query(`SELECT set_config('TimeZone', $1, false), set_config('DateStyle', $2, false), set_config('IntervalStyle', $3, false), set_config('extra_float_digits', $4, false)`, [r.tz, r.ds, r.ivs, r.efd])
      }
    })
}
