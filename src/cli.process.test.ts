import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createTestDatabase } from './test/test-db'
import { testEngine } from './test/test-engine'
import { openDatabase } from './db/database'
import { asSuperuser } from './test/audit-tamper'

const root = resolve(import.meta.dirname, '..')

/** `npx kith …` as a user runs it: bin/kith.js, which builds and runs dist/server/cli.mjs. */
function kith(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const merged = Object.fromEntries(Object.entries({ ...process.env, LOG_LEVEL: 'warn', ...env }).filter(([, v]) => v !== undefined))
    const child = spawn(process.execPath, ['bin/kith.js', ...args], { cwd: root, env: merged, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('exit', (code) => done({ code, stdout, stderr }))
  })
}

describe('the kith command, as a process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kith-cli-'))
  const env: Record<string, string | undefined> = {}
  let closeDb: (() => Promise<void>) | undefined

  beforeAll(async () => {
    if (testEngine === 'postgres') {
      const database = await createTestDatabase()
      env.DATABASE_URL = database.url!
      closeDb = database.close
    } else {
      env.DATABASE_URL = undefined
      env.KITH_DATA_DIR = join(dir, 'data')
    }
  })
  afterAll(async () => {
    await closeDb?.()
    rmSync(dir, { recursive: true, force: true })
  })

  test('creates a user, imports a CSV and exports it with nothing but the file on stdout', async () => {
    const created = await kith(['user', 'create', '--email', 'cli-admin@kith.test', '--role', 'admin', '--password', 'cli-password-2026'], env)
    expect(created.stderr).not.toMatch(/error/i)
    expect(created.code).toBe(0)
    // The password policy holds here too: a common password is refused with the reason, no stack.
    const common = await kith(['user', 'create', '--email', 'cli-other@kith.test', '--password', 'password123'], env)
    expect(common.code).toBe(1)
    expect(common.stderr).toMatch(/^password: This password is one of the most common passwords/)

    const file = join(dir, 'customers.csv')
    writeFileSync(file, '客户名称,邮箱,城市\n杭州西湖茶业,tea@xihu.cn,杭州\n苏州园林设计,design@garden.cn,苏州\n杭州西湖茶业,tea@xihu.cn,杭州\n')
    const imported = await kith(['import', 'customers', file, '--dedupe', 'email'], env)
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/^completed: 2 created, 0 updated, 1 skipped, 0 invalid/)

    const exported = await kith(['export', 'customers', '--format', 'csv', '--columns', 'name,email', '--lang', 'en'], env)
    expect(exported.code).toBe(0)
    // A build message or log line on stdout would corrupt `kith export … > out.csv`.
    const lines = exported.stdout.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
    expect(exported.stdout.startsWith('\uFEFF')).toBe(true)
    expect(lines[0]).toBe('Name,Email')
    expect(lines.slice(1).sort()).toEqual(['杭州西湖茶业,tea@xihu.cn', '苏州园林设计,design@garden.cn'])
  }, 120_000)

  test('audit verify exits 0 on an intact log and 1 naming the row on a tampered one; export files verify and a modified one fails', async () => {
    const secret = { KITH_SECRET: 'cli-audit-secret-cli-audit-secret!' }
    expect((await kith(['user', 'create', '--email', 'cli-auditor@kith.test', '--role', 'admin', '--password', 'cli-password-2027'], env)).code).toBe(0)
    const verified = await kith(['audit', 'verify'], { ...env, ...secret })
    expect(verified.stderr).not.toMatch(/BROKEN|error/i)
    expect(verified.stdout).toMatch(/^OK: \d+ audit rows in 16 chains verified/)
    expect(verified.code).toBe(0)

    const out = join(dir, 'audit.jsonl')
    const exported = await kith(['audit', 'export', '--before', '2999-01-01', '--out', out], { ...env, ...secret })
    expect(exported.code, exported.stderr).toBe(0)
    expect(exported.stdout).toMatch(/^Exported [1-9]\d* audit rows/)
    const checked = await kith(['audit', 'verify-file', out], { ...env, ...secret })
    expect(checked.code, checked.stderr).toBe(0)
    expect(checked.stdout).toMatch(/^OK/)
    writeFileSync(join(dir, 'modified.jsonl'), readFileSync(out, 'utf8').replace('"c":0,"s":1,', '"c":0,"s":1, '))
    const modified = await kith(['audit', 'verify-file', join(dir, 'modified.jsonl')], { ...env, ...secret })
    expect(modified).toMatchObject({ code: 1, stderr: expect.stringMatching(/^INVALID: the signature does not match/) })

    // Tampered with as a superuser would (triggers off), with no server holding the database.
    const database = await openDatabase(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.KITH_DATA_DIR })
    const victim = await asSuperuser(database.db, async (db) => {
      const row = await db.selectFrom('auditLog').select('id').orderBy('at').limit(1).executeTakeFirstOrThrow()
      await db.updateTable('auditLog').set({ action: 'forged' }).where('id', '=', row.id).execute()
      return row.id
    })
    await database.close()
    const broken = await kith(['audit', 'verify'], { ...env, ...secret })
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain(`BROKEN (altered): chain 0: row 1 (${victim})`)
  }, 120_000)
})
