import http from 'node:http'
import type pg from 'pg'

/** One keep-alive connection, like a browser tab talking to the server. */
export function httpClient(port: number, headers: Record<string, string>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
  return (path: string) =>
    new Promise<{ status: number; body: string; ms: number; requestId: string }>((resolve, reject) => {
      const t0 = process.hrtime.bigint()
      const req = http.request({ host: '127.0.0.1', port, path, method: 'GET', agent, headers }, (res) => {
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
      req.end()
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
