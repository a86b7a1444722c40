import { spawn, execSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { buildServerIfStale } from '../../../scripts/build-if-stale.mjs'

export const repoRoot = resolve(import.meta.dirname, '../../..')

/** The web app must be built; the test runner normally does it first. */
export function ensureWebBuilt(): void {
  if (!existsSync(join(repoRoot, 'web/dist/index.html'))) {
    execSync('npm run build:web', { cwd: repoRoot, stdio: 'inherit' })
  }
}

async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer()
    srv.once('error', rej)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      const port = typeof address === 'object' && address ? address.port : 0
      srv.close(() => res(port))
    })
  })
}

export interface KithServer {
  baseUrl: string
  stop: () => Promise<void>
}

/**
 * Starts the built server as `npm start` does (`node dist/server/main.mjs`, rebuilt when older than src/) on a free port with an empty PGlite data dir and no first-admin env.
 * `extraEnv` adds settings a flow needs (SMTP_URL of a test SMTP server, KITH_PUBLIC_URL…).
 */
export async function startServer(extraEnv: Record<string, string> = {}): Promise<KithServer> {
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'kith-e2e-'))
  const env: Record<string, string | undefined> = { ...process.env, PORT: String(port), HOST: '127.0.0.1', KITH_DATA_DIR: dataDir, LOG_LEVEL: 'warn' }
  for (const k of ['KITH_ADMIN_EMAIL', 'KITH_ADMIN_PASSWORD', 'DATABASE_URL', 'KITH_PUBLIC_URL', 'SMTP_URL']) delete env[k]
  Object.assign(env, extraEnv)

  await buildServerIfStale()
  const child: ChildProcess = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.mjs'], { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()))
  let exited = false
  child.once('exit', () => (exited = true))

  const stop = async () => {
    if (!exited && child.pid) {
      const gone = new Promise((r) => child.once('exit', r))
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        /* already gone */
      }
      await Promise.race([gone, new Promise((r) => setTimeout(r, 5000))])
      if (!exited) {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dataDir, { recursive: true, force: true })
  }

  const baseUrl = `http://127.0.0.1:${port}`
  // A machine shared by parallel runs can take longer to migrate a fresh PGlite: KITH_E2E_START_SECONDS.
  const startSeconds = Number(process.env.KITH_E2E_START_SECONDS ?? 180)
  const deadline = Date.now() + startSeconds * 1000
  while (Date.now() < deadline) {
    if (exited) throw new Error(`Kith server exited during start:\n${output}`)
    try {
      const res = await fetch(`${baseUrl}/api/v1/setup`)
      if (res.ok) return { baseUrl, stop }
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  await stop()
  throw new Error(`Kith server did not answer within ${startSeconds} s:\n${output}`)
}
