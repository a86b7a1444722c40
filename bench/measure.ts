import { randomUUID } from 'node:crypto'
import http from 'node:http'
import type pg from 'pg'

/** One keep-alive connection, like a browser tab talking to the server. */
export function httpClient(port: number, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  return (path: string, send?: { method: string; body: string }) =>
    new Promise<{ status: number; body: string; ms: number; requestId: string }>((resolve, reject) => {
      const t0 = process.hrtime.bigint()
      const h = send ? { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(send.body)) } : headers
      const req = http.request({ host: '127.0.0.1', port, path, method: send?.method ?? 'GET', agent, headers: h }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: Number(process.hrtime.bigint() - t0) / 1e6,
            requestId: String(res.headers['x-request-id'] ?? ''),
          }),
        )
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end(send?.body)
    })
}

export interface Captured {
  sql: string
  parameters: readonly unknown[]
}

/** Runs captured queries the way the service does (together when it ran them in parallel). */
export async function timeSql(clients: pg.Client[], queries: Captured[]): Promise<number> {
  const t0 = process.hrtime.bigint()
  await Promise.all(queries.map((q, i) => clients[i % clients.length]!.query(q.sql, q.parameters as unknown[])))
  return Number(process.hrtime.bigint() - t0) / 1e6
}

const TX = /^\s*(begin|commit|rollback)\b/i

/**
 * Runs captured queries one after another on one connection and returns the sum of their times
 * (the way a service that awaits each in turn runs them). With `rollback`, inside BEGIN … ROLLBACK
 * (a write replayed without changing anything), audit rows getting a fresh id.
 */
export async function timeSqlSerial(client: pg.Client, queries: Captured[], rollback = false): Promise<number> {
  const t0 = process.hrtime.bigint()
  if (rollback) await client.query('BEGIN')
  try {
    for (const q of queries) {
      if (TX.test(q.sql)) continue
      const params = /^insert into "audit_log"/i.test(q.sql) ? [randomUUID(), ...q.parameters.slice(1)] : q.parameters
      await client.query(q.sql, params as unknown[])
    }
  } finally {
    if (rollback) await client.query('ROLLBACK')
  }
  return Number(process.hrtime.bigint() - t0) / 1e6
}

export interface Stats {
  p50: number
  p95: number
  p99: number
  mean: number
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b)
  const q = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN
  return { p50: q(50), p95: q(95), p99: q(99), mean: s.reduce((a, b) => a + b, 0) / Math.max(s.length, 1) }
}

export const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1))
