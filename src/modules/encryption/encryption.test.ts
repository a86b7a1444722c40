import { randomBytes } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../app'
import { parseConfig } from '../../config'
import { insertUser } from '../../test/factories'
import { expectProblem, http } from '../../test/http'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { Secret, TOTP } from 'otpauth'
import { unzip } from '../privacy/privacy.fixtures'
import { reseal } from './encryption.reseal'
import { KeyringError } from './keyring'

const KEY = randomBytes(32).toString('base64')
let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let support: AuthHeaders

/** Every text, JSON and array column of every table, read raw: where does this text appear? */
async function whereStored(needle: string): Promise<string[]> {
  const { rows: cols } = await sql<{ table: string; column: string }>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`.execute(t.db)
  const found: string[] = []
  for (const c of cols) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(c.table)} WHERE ${sql.ref(c.column)}::text LIKE ${`%${needle}%`}`.execute(t.db)
    if (rows[0]!.n) found.push(`${c.table}.${c.column}`)
  }
  return found.sort()
}

const choose = async (fields: string[]) => {
  const current = json(await api.get('/api/v1/settings/encryption', admin))
  const res = await api.put('/api/v1/settings/encryption', { fields, version: current.version }, admin)
  expect(res.statusCode, res.body).toBe(200)
  return json(res)
}
const newTicket = async (description: string) => {
  const res = await api.post('/api/v1/tickets', { subject: '送货延误', description, assigneeId: null }, support)
  expect(res.statusCode, res.body).toBe(201)
  return json(res)
}

beforeAll(async () => {
  t = await createTestApp({ KITH_ENCRYPTION_KEY: KEY })
  await t.services.jobs.start()
  api = http(t)
  admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
  support = await sessionFor(t, (await insertUser(t.db, { role: 'support' })).id)
})
afterAll(() => t.close())

describe('field encryption', () => {
  it('stores chosen ticket fields sealed everywhere (rows and audit) and serves them in the clear', async () => {
    const status = await choose(['tickets.description', 'tickets.resolution', 'ticketComments.body'])
    expect(status.fields.filter((f: { chosen: boolean }) => f.chosen).map((f: { field: string }) => f.field).sort()).toEqual(['ticketComments.body', 'tickets.description', 'tickets.resolution', 'userTwoFactor.secret'])
    const tk = await newTicket('客户投诉：送货延误三天 desc-7f3a')
    expect(tk.description).toBe('客户投诉：送货延误三天 desc-7f3a')
    const c = await api.post(`/api/v1/tickets/${tk.id}/comments`, { body: '已联系物流 note-9b2c', internal: true }, support)
    expect(json(c).body).toBe('已联系物流 note-9b2c')
    const upd = await api.patch(`/api/v1/tickets/${tk.id}`, { version: tk.version, status: 'resolved', resolution: '退运费 res-4d1e', description: '改过的描述 desc-2b8f' }, support)
    expect(upd.statusCode, upd.body).toBe(200)
    expect(json(upd)).toMatchObject({ description: '改过的描述 desc-2b8f', resolution: '退运费 res-4d1e' })
    expect(json(await api.get(`/api/v1/tickets/${tk.id}/comments`, support)).items[0].body).toBe('已联系物流 note-9b2c')

    for (const secret of ['desc-7f3a', 'note-9b2c', 'res-4d1e', 'desc-2b8f']) expect(await whereStored(secret)).toEqual([])
    const raw = await t.db.selectFrom('tickets').select(['description', 'resolution', 'subject']).where('id', '=', tk.id).executeTakeFirstOrThrow()
    expect(raw.description).toMatch(/^kenc:v1:/)
    expect(raw.subject).toBe('送货延误') // not chosen: stays searchable
  })

  it('refuses a start with another master key or none, naming the key it expects, before serving anything', async () => {
    await t.services.encryption.keyring.active()
    const wrong = parseConfig({ KITH_SECRET: 'test-secret-test-secret-test-secret!', LOG_LEVEL: 'silent', KITH_ENCRYPTION_KEY: randomBytes(32).toString('hex') })
    await expect(buildApp(wrong, t.database, { logger: false })).rejects.toThrow(KeyringError)
    await expect(buildApp(wrong, t.database, { logger: false })).rejects.toThrow(/expected the key with fingerprint [0-9a-f]{16}, got [0-9a-f]{16}/)
    const none = parseConfig({ KITH_SECRET: 'test-secret-test-secret-test-secret!', LOG_LEVEL: 'silent' })
    await expect(buildApp(none, t.database, { logger: false })).rejects.toThrow(/set KITH_ENCRYPTION_KEY .* fingerprint/)
  })

  it('seals values written before the field was chosen, rotates to a new key in resumable batches, and opens them again when unchosen', async () => {
    await choose([])
    const before = await Promise.all([1, 2, 3, 4, 5].map((i) => newTicket(`旧工单 old-${i}-5e6f`)))
    // Audit rows are never rewritten: what was written before the field was chosen stays in its audit row.
    expect(await whereStored('old-3-5e6f')).toEqual(['audit_log.changes', 'tickets.description'])
    await choose(['tickets.description'])
    await reseal(t.db, t.services.encryption, { settleMs: 0 })
    expect(await whereStored('5e6f')).toEqual(['audit_log.changes'])
    const key1 = (await t.db.selectFrom('encryptionKeys').select('id').where('active', '=', true).executeTakeFirstOrThrow()).id

    // A rotation cut off after two batches of two rows, then resumed.
    const cut = await reseal(t.db, t.services.encryption, { rotate: true, settleMs: 0, batchSize: 2, maxBatches: 2 })
    expect(cut.finishedAt).toBeNull()
    const key2 = (await t.db.selectFrom('encryptionKeys').select('id').where('active', '=', true).executeTakeFirstOrThrow()).id
    expect(key2).not.toBe(key1)
    const done = await reseal(t.db, t.services.encryption, { rotate: true, settleMs: 0, batchSize: 2 })
    expect(done.resumed).toBe(true)
    expect(done.keyId).toBe(key2) // resumed, no third key
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM tickets WHERE description IS NOT NULL AND description NOT LIKE ${`kenc:v1:${key2}:%`}`.execute(t.db)
    expect(rows[0]!.n).toBe(0)
    for (const tk of before) expect(json(await api.get(`/api/v1/tickets/${tk.id}`, support)).description).toMatch(/^旧工单 old-\d-5e6f$/)

    await choose([])
    await reseal(t.db, t.services.encryption, { settleMs: 0 })
    expect(await whereStored('old-3-5e6f')).toEqual(['audit_log.changes', 'tickets.description'])
  })

  it('opens encrypted fields in a person’s privacy export, the record’s and its audit rows’', async () => {
    await choose(['tickets.description'])
    const person = json(await api.post('/api/v1/customers', { name: '王芳', type: 'person' }, admin))
    const tk = json(await api.post('/api/v1/tickets', { subject: '发票', description: '发票多开了 200 元 zip-3c9d', customerId: person.id, assigneeId: null }, admin))
    expect((await t.db.selectFrom('tickets').select('description').where('id', '=', tk.id).executeTakeFirstOrThrow()).description).toMatch(/^kenc:v1:/)
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/privacy/customer/${person.id}/export`, headers: admin })
    expect(res.statusCode, res.body).toBe(200)
    const files = await unzip(res.rawPayload)
    expect(JSON.parse(files['tickets.json']!)[0].description).toBe('发票多开了 200 元 zip-3c9d')
    const audit = JSON.parse(files['audit_log.json']!) as { entity: string; changes: Record<string, { after: unknown }> }[]
    expect(audit.find((a) => a.entity === 'ticket')!.changes.description!.after).toBe('发票多开了 200 元 zip-3c9d')
    expect(Object.values(files).join('')).not.toContain('kenc:v1:')
  })

  it('keeps TOTP secrets (a stored credential) sealed whatever is chosen, and still checks codes with them', async () => {
    const user = await insertUser(t.db, { role: 'sales' })
    const as = await sessionFor(t, user.id)
    const { secret } = json(await api.post('/api/v1/auth/two-factor/enrolment', {}, as))
    const raw = await t.db.selectFrom('userTwoFactor').select('secret').where('userId', '=', user.id).executeTakeFirstOrThrow()
    expect(raw.secret).toMatch(/^kenc:v1:/)
    expect(raw.secret).not.toContain(secret)
    const code = new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate()
    const confirmed = await api.post('/api/v1/auth/two-factor/enrolment/confirm', { code }, as)
    expect(confirmed.statusCode, confirmed.body).toBe(200)
    const status = json(await api.get('/api/v1/settings/encryption', admin))
    expect(status.fields.find((f: { field: string }) => f.field === 'userTwoFactor.secret')).toMatchObject({ chosen: true, always: true })
  })

  it('is admin-only, version-checked, and names unknown fields', async () => {
    expectProblem(await api.get('/api/v1/settings/encryption', support), 403)
    expectProblem(await api.put('/api/v1/settings/encryption', { fields: [], version: 0 }, admin), 409)
    const v = json(await api.get('/api/v1/settings/encryption', admin)).version
    expectProblem(await api.put('/api/v1/settings/encryption', { fields: ['users.password'], version: v }, admin), 400, ['fields.0'])
  })
})

describe('without a master key', () => {
  it('refuses to choose fields and says which setting is missing', async () => {
    const plain = await createTestApp()
    await plain.services.jobs.start()
    try {
      const a = await sessionFor(plain, (await insertUser(plain.db, { role: 'admin' })).id)
      const res = await http(plain).put('/api/v1/settings/encryption', { fields: ['tickets.description'], version: 0 }, a)
      expectProblem(res, 400, ['fields'])
      expect(res.body).toContain('KITH_ENCRYPTION_KEY')
      expect(json(await http(plain).get('/api/v1/settings/encryption', a))).toMatchObject({ configured: false, fingerprint: null, keys: [] })
    } finally {
      await plain.close()
    }
  })
})
