import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { DataDirInUseError, LOCK_FILE, lockDataDir } from './data-dir-lock'
import { openDatabase } from './database'
import { testEngine } from '../test/test-engine'

const root = resolve(import.meta.dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'kith-lock-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function env(dataDir: string) {
  const e: Record<string, string> = { ...(process.env as Record<string, string>), KITH_DATA_DIR: dataDir, PORT: '0', LOG_LEVEL: 'warn' }
  delete e.DATABASE_URL
  return e
}

/** `npx kith …` as a user runs it. */
function kith(args: string[], dataDir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['bin/kith.js', ...args], { cwd: root, env: env(dataDir), stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => (out += d.toString()))
    child.stderr.on('data', (d: Buffer) => (out += d.toString()))
    child.on('exit', (code) => done({ code, out }))
  })
}

async function until(check: () => boolean, what: string) {
  for (let i = 0; i < 600; i++) {
    if (check()) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const holderPid = (dataDir: string) => {
  try {
    return (JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as { pid: number }).pid
  } catch {
    return null
  }
}

// The lock guards PGlite's data directory; a PostgreSQL run has nothing of it to test.
describe.skipIf(testEngine === 'postgres')('one process owns an embedded data directory', () => {
  test('a second holder in the same process is refused, with the holder named', () => {
    const d = join(dir, 'same')
    mkdirSync(d)
    const release = lockDataDir(d, 'server')
    expect(() => lockDataDir(d, 'kith seed')).toThrow(DataDirInUseError)
    expect(() => lockDataDir(d, 'kith seed')).toThrow(`Kith is running on this data directory (${d}, pid ${process.pid}): stop it first`)
    release()
    expect(existsSync(join(d, LOCK_FILE))).toBe(false)
    lockDataDir(d, 'kith seed')()
  })

  test("a dead process's lock, or a half-written one, is taken over", () => {
    const d = join(dir, 'stale')
    mkdirSync(d)
    // A pid far above any Linux pid_max: no such process.
    writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: 2 ** 30, purpose: 'server', host: hostname(), started: null }))
    const release = lockDataDir(d, 'kith migrate')
    expect(holderPid(d)).toBe(process.pid)
    release()
    writeFileSync(join(d, LOCK_FILE), '{"pid": 12')
    lockDataDir(d, 'kith migrate')()
  })

  test('the CLI refuses a running server’s directory, and takes it over once the server is dead', async () => {
    const d = join(dir, 'two-processes')
    let server: ChildProcess | undefined
    try {
      server = spawn(process.execPath, ['bin/kith.js', 'start'], { cwd: root, env: env(d), stdio: 'ignore' })
      await until(() => holderPid(d) === server!.pid, 'the server to take the lock')

      for (const args of [['seed', '--demo'], ['user', 'create', '--email', 'x@kith.test', '--password', 'long-enough-2026'], ['migrate']]) {
        const run = await kith(args, d)
        expect(run.code).toBe(1)
        // The last line: the first command after a source change also says it builds the server.
        expect(run.out.trim().split('\n').at(-1)).toBe(`Kith is running on this data directory (${resolve(d)}, pid ${server.pid}): stop it first, or run the command through the server (the web app or the API).`)
      }
      // A second server is refused the same way.
      expect((await kith(['start'], d)).out).toContain(`pid ${server.pid}`)

      // Killed without a chance to clean up, the server leaves its lock: the next command takes it over.
      server.kill('SIGKILL')
      await new Promise((r) => server!.once('exit', r))
      expect(holderPid(d)).toBe(server.pid)
      const created = await kith(['user', 'create', '--email', 'after@kith.test', '--password', 'long-enough-2026'], d)
      expect(created.out).toContain('Created admin after@kith.test')
      expect(created.code).toBe(0)
      expect(existsSync(join(d, LOCK_FILE))).toBe(false)
    } finally {
      server?.kill('SIGKILL')
    }
  }, 180_000)

  test('the directory is private to the account Kith runs as', async () => {
    const d = join(dir, 'private')
    mkdirSync(d, { mode: 0o755 })
    const database = await openDatabase({ dataDir: d, purpose: 'test' })
    await database.close()
    expect(statSync(d).mode & 0o777).toBe(0o700)
  })

  test('a damaged directory is refused with what happened and what to do, not a crash', async () => {
    const d = join(dir, 'damaged')
    expect((await kith(['migrate'], d)).code).toBe(0)
    truncateSync(join(d, 'global', 'pg_control'), 0)
    const run = await kith(['migrate'], d)
    expect(run.code).toBe(1)
    expect(run.out).toContain(`The embedded database in ${resolve(d)} cannot be opened`)
    expect(run.out).toContain('Kith cannot repair it')
    expect(run.out).not.toMatch(/\n\s+at /) // no stack trace
    expect(existsSync(join(d, LOCK_FILE))).toBe(false)
  }, 120_000)
})
