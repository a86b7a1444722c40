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
import { importApi } from '../imports/imports.test-support'

const KEY = randomBytes(32).toString('base64')
let t: TestApp
let api: ReturnType<typeof http>
let admin: AuthHeaders
let support: AuthHeaders

/** Every text, JSON and array column of every table, read raw: where does this text (any of these texts, any case) appear? */
async function whereStored(needle: string | string[]): Promise<string[]> {
  const patterns = (Array.isArray(needle) ? needle : [needle]).map((n) => `%${n}%`)
  const { rows: cols } = await sql<{ table: string; column: string }>`
    SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
    WHERE table_schema = 'public' AND data_type IN ('text', 'jsonb', 'json', 'character varying', 'ARRAY')`.execute(t.db)
  const found: string[] = []
  for (const c of cols) {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(c.table)} WHERE ${sql.ref(c.column)}::text ILIKE ANY(${patterns}::text[])`.execute(t.db)
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
}, 180_000)
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

describe('encrypted customer and contact e-mail, phone and address', () => {
  const PII = ['customers.address', 'customers.email', 'customers.phone', 'contacts.email', 'contacts.phone']
  const get = async (url: string) => {
    const res = await api.get(url, admin)
    expect(res.statusCode, res.body).toBe(200)
    return json(res)
  }
  const ids = (items: { id: string }[]) => items.map((i) => i.id)

  it('keeps them out of every column of every table (rows, search text, audit) and still finds them by exact e-mail and phone', async () => {
    await choose(PII)
    const c = json(await api.post('/api/v1/customers', {
      name: '周敏', type: 'person', email: 'Zhou.Min+pii7c@Example.cn', phone: '138 1234 7788',
      address: { country: 'CN', region: '北京', city: '北京', street: '中关村大街 27 号 st-8d1e', postalCode: '100080' },
    }, admin))
    expect(c).toMatchObject({ email: 'zhou.min+pii7c@example.cn', phone: '+8613812347788', address: { city: '北京', street: '中关村大街 27 号 st-8d1e' } })
    const p = json(await api.post('/api/v1/contacts', { customerId: c.id, name: '周先生', email: 'mr.zhou.pii9k@example.cn', phone: '13912349966' }, admin))
    expect(p).toMatchObject({ email: 'mr.zhou.pii9k@example.cn', phone: '+8613912349966' })
    const upd = await api.patch(`/api/v1/customers/${c.id}`, { version: c.version, phone: '+86 138 1234 7799' }, admin)
    expect(upd.statusCode, upd.body).toBe(200)

    expect(await whereStored(['pii7c', 'pii9k', '12347788', '12347799', '12349966', 'st-8d1e'])).toEqual([])
    const raw = await t.db.selectFrom('customers').select(['email', 'phone', 'address', 'searchText', 'emailBidx', 'phoneTails']).where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(raw.email).toMatch(/^kenc:v1:/)
    expect(raw.address).toMatchObject({ city: '北京', country: 'CN', street: expect.stringMatching(/^kenc:v1:/) }) // city stays usable by segments
    expect(raw.searchText).toBe('周敏   ') // no plaintext, no ciphertext
    expect(raw.emailBidx).toBeTruthy()
    expect(raw.phoneTails).toHaveLength(5)

    // Exact e-mail (any case), whole phone (any writing) and its ending still find them.
    for (const q of ['zhou.min+pii7c@example.cn', 'ZHOU.MIN+PII7C@EXAMPLE.CN', '13812347799', '+86 138 1234 7799', '7799', '2347799']) {
      expect(ids((await get(`/api/v1/customers?q=${encodeURIComponent(q)}`)).items), q).toEqual([c.id])
    }
    expect(ids((await get(`/api/v1/customers?q=${encodeURIComponent('7788')}`)).items)).toEqual([]) // the old number is gone
    expect(ids((await get(`/api/v1/customers?q=pii7c&sort=name`)).items)).toEqual([]) // a fragment is not searched any more
    for (const q of ['mr.zhou.pii9k@example.cn', '139 1234 9966', '9966']) expect(ids((await get(`/api/v1/contacts?q=${encodeURIComponent(q)}`)).items), q).toEqual([p.id])
    const hits = (await get(`/api/v1/search?q=${encodeURIComponent('Zhou.Min+pii7c@example.cn')}`)).items
    expect(hits.find((h: { id: string }) => h.id === c.id)).toMatchObject({ kind: 'customer', subtitle: expect.stringContaining('zhou.min+pii7c@example.cn') })
    expect((await get(`/api/v1/search?q=9966`)).items.map((h: { id: string }) => h.id)).toContain(p.id)

    // The record's history shows the values opened.
    const history = (await get(`/api/v1/customers/${c.id}/history`)).items as { action: string; changes: Record<string, { before: unknown; after: unknown }> }[]
    expect(history.find((h) => h.action === 'update')!.changes.phone).toEqual({ before: '+8613812347788', after: '+8613812347799' })
  }, 180_000)

  it('seals what was written before, fills the blind indexes in the background pass, and opens and clears them when turned off', async () => {
    await choose([])
    const c = json(await api.post('/api/v1/customers', { name: '孙丽', email: 'sun.li.pii3f@example.cn', phone: '13612345500', address: { city: '上海', street: '南京路 1 号 st-3f3f' } }, admin))
    expect(await whereStored('pii3f')).toEqual(['audit_log.changes', 'customers.email', 'customers.search_text'])
    await choose(PII)
    await reseal(t.db, t.services.encryption, { settleMs: 0 })
    expect(await whereStored('pii3f')).toEqual(['audit_log.changes']) // audit rows are never rewritten
    expect(await whereStored('st-3f3f')).toEqual(['audit_log.changes'])
    expect(ids((await get(`/api/v1/customers?q=${encodeURIComponent('sun.li.pii3f@example.cn')}`)).items)).toEqual([c.id])
    expect(ids((await get('/api/v1/customers?q=5500')).items)).toEqual([c.id])
    expect(await get(`/api/v1/customers/${c.id}`)).toMatchObject({ email: 'sun.li.pii3f@example.cn', phone: '+8613612345500', address: { street: '南京路 1 号 st-3f3f' } })

    // A data key rotation leaves the blind indexes as they are: search keeps working.
    await reseal(t.db, t.services.encryption, { rotate: true, settleMs: 0 })
    expect(ids((await get('/api/v1/customers?q=13612345500')).items)).toEqual([c.id])

    await choose([])
    await reseal(t.db, t.services.encryption, { settleMs: 0 })
    const raw = await t.db.selectFrom('customers').select(['email', 'phone', 'address', 'emailBidx', 'phoneBidx', 'phoneTails', 'searchText']).where('id', '=', c.id).executeTakeFirstOrThrow()
    expect(raw).toMatchObject({ email: 'sun.li.pii3f@example.cn', phone: '+8613612345500', address: { street: '南京路 1 号 st-3f3f' }, emailBidx: null, phoneBidx: null, phoneTails: null })
    expect(raw.searchText).toContain('sun.li.pii3f@example.cn')
    expect(ids((await get('/api/v1/customers?q=pii3f')).items)).toEqual([c.id]) // fragments are searched again
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM customers WHERE email LIKE 'kenc:%' OR phone LIKE 'kenc:%' OR address->>'street' LIKE 'kenc:%'`.execute(t.db)
    expect(rows[0]!.n).toBe(0)
  }, 180_000)

  it('merges a duplicate whose values are sealed under its own id into the customer that stays', async () => {
    await choose(PII)
    const target = json(await api.post('/api/v1/customers', { name: '吴刚' }, admin))
    const source = json(await api.post('/api/v1/customers', { name: '吴刚 (重复)', email: 'wu.gang.pii5m@example.cn', phone: '13712345511' }, admin))
    const res = await api.post(`/api/v1/customers/${target.id}/merge`, { sourceId: source.id }, admin)
    expect(res.statusCode, res.body).toBe(200)
    expect(json(res)).toMatchObject({ email: 'wu.gang.pii5m@example.cn', phone: '+8613712345511' })
    expect(await whereStored('pii5m')).toEqual([])
    expect(ids((await get(`/api/v1/customers?q=${encodeURIComponent('wu.gang.pii5m@example.cn')}`)).items)).toEqual([target.id])
    const history = (await get(`/api/v1/customers/${target.id}/history`)).items as { action: string; changes: { fields: Record<string, { after: unknown }> } }[]
    expect(history.find((h) => h.action === 'merge')!.changes.fields.email!.after).toBe('wu.gang.pii5m@example.cn')
  }, 180_000)

  it('imports: an upsert deduped by e-mail updates the encrypted customer it matches, contacts find their customer by its sealed e-mail, and nothing lands in the clear', async () => {
    await choose(PII)
    const imports = importApi(t)
    const existing = json(await api.post('/api/v1/customers', { name: '李雷', email: 'li.lei.pii2q@example.cn', phone: '13512345566' }, admin))
    const analyze = async (entity: string, csv: string) => (await imports.analyze(admin, entity, { name: 'p.csv', data: Buffer.from(csv) })).json()
    const csv = 'name,email,industry,phone,street\n李雷,LI.LEI.PII2Q@example.cn,manufacturing,,\n韩梅梅,han.mm.pii2r@example.cn,,13512345577,长安街 5 号 st-2r2r\n'
    const run = await imports.run(admin, (await analyze('customers', csv)).id, { entity: 'customers', mode: 'upsert', dedupeBy: 'email' })
    expect(run).toMatchObject({ status: 'completed', counts: { created: 1, updated: 1, invalid: 0 } })
    expect(await get(`/api/v1/customers/${existing.id}`)).toMatchObject({ industry: 'manufacturing', email: 'li.lei.pii2q@example.cn', version: 2 })
    const created = (await get(`/api/v1/customers?q=${encodeURIComponent('han.mm.pii2r@example.cn')}`)).items
    expect(created).toMatchObject([{ name: '韩梅梅', phone: '+8613512345577', address: { street: '长安街 5 号 st-2r2r' } }])
    expect(ids((await get('/api/v1/customers?q=5577')).items)).toEqual([created[0].id])

    const contacts = await imports.run(admin, (await analyze('contacts', 'name,customer,email\n小王,li.lei.pii2q@example.cn,xiao.wang.pii2s@example.cn\n')).id, { entity: 'contacts', mode: 'upsert', dedupeBy: 'email' })
    expect(contacts).toMatchObject({ status: 'completed', counts: { created: 1, invalid: 0 } })
    expect((await get(`/api/v1/contacts?q=${encodeURIComponent('xiao.wang.pii2s@example.cn')}`)).items).toMatchObject([{ customerId: existing.id }])
    const again = await imports.run(admin, (await analyze('contacts', 'name,customer,email\n小王 2,li.lei.pii2q@example.cn,XIAO.WANG.PII2S@example.cn\n')).id, { entity: 'contacts', mode: 'skip-duplicates', dedupeBy: 'email' })
    expect(again).toMatchObject({ status: 'completed', counts: { created: 0, skipped: 1 }, duplicates: [{ key: 'xiao.wang.pii2s@example.cn' }] })
    const dupCsv = await t.app.inject({ method: 'GET', url: `/api/v1/imports/${again.id}/duplicates.csv`, headers: admin })
    expect(dupCsv.body).toContain('XIAO.WANG.PII2S@example.cn')

    expect(await whereStored(['pii2q', 'pii2r', 'pii2s', '12345566', '12345577', 'st-2r2r'])).toEqual([])

    // Undo puts the sealed values back as they were.
    const undo = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${run.id}/undo`, headers: admin })
    expect(undo.statusCode, undo.body).toBe(200)
    expect(await get(`/api/v1/customers/${existing.id}`)).toMatchObject({ industry: null, email: 'li.lei.pii2q@example.cn', phone: '+8613512345566' })
    expect(await whereStored('pii2q')).toEqual([])
  }, 180_000)

  it('exports and a person’s privacy export carry the opened values', async () => {
    await choose(PII)
    const c = json(await api.post('/api/v1/customers', { name: '郑爽', type: 'person', email: 'zheng.pii6e@example.cn', phone: '13712346600', address: { city: '杭州', street: '西湖路 6 号 st-6e6e' } }, admin))
    const csv = await t.app.inject({ method: 'GET', url: '/api/v1/customers/export?format=csv&q=zheng.pii6e%40example.cn', headers: admin })
    expect(csv.statusCode, csv.body).toBe(200)
    expect(csv.body).toContain('zheng.pii6e@example.cn')
    expect(csv.body).toContain('西湖路 6 号 st-6e6e')
    expect(csv.body).not.toContain('kenc:v1:')
    const zip = await t.app.inject({ method: 'GET', url: `/api/v1/privacy/customer/${c.id}/export`, headers: admin })
    expect(zip.statusCode, zip.body).toBe(200)
    const files = await unzip(zip.rawPayload)
    expect(JSON.parse(files['customers.json']!)[0]).toMatchObject({ email: 'zheng.pii6e@example.cn', phone: '+8613712346600' })
    expect(Object.values(files).join('')).not.toContain('kenc:v1:')
  }, 180_000)
})
