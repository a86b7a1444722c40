import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { importApi, multipart } from './imports.test-support'

let t: TestApp
let api: ReturnType<typeof importApi>
let sales: AuthHeaders
// The spooled uploads go to the temporary directory: this file's own, to see that none is left.
let spool: string
const savedTmp = process.env.TMPDIR

beforeAll(async () => {
  spool = await mkdtemp(join(tmpdir(), 'kith-spool-test-'))
  process.env.TMPDIR = spool
  t = await createTestApp()
  api = importApi(t)
  sales = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
})
afterAll(async () => {
  await t.close()
  if (savedTmp === undefined) delete process.env.TMPDIR
  else process.env.TMPDIR = savedTmp
  await rm(spool, { recursive: true, force: true })
})

const post = (url: string, body: ReturnType<typeof multipart>) => t.app.inject({ method: 'POST', url, headers: { ...sales, ...body.headers }, payload: body.payload })
const csv = (rows: string) => ({ name: 'customers.csv', data: Buffer.from(`名称,邮箱,城市\n${rows}`) })
const importCount = async () => (await t.db.selectFrom('imports').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n
const customerByEmail = (email: string) => t.db.selectFrom('customers').select(['name', 'email']).where('email', '=', email).where('deletedAt', 'is', null).execute()

describe('multipart upload forms, parts in any order', () => {
  it('analyses the same with the file before entity as after it', async () => {
    const file = csv('甲公司,a@first.cn,北京\n')
    const before = await post('/api/v1/imports/analyze', multipart({}, file, { entity: 'customers' }))
    expect(before.statusCode, before.body).toBe(200)
    const after = await post('/api/v1/imports/analyze', multipart({ entity: 'customers' }, file))
    const { id: _a, ...first } = before.json()
    const { id: _b, ...second } = after.json()
    expect(first).toEqual(second)
    expect(first).toMatchObject({ entity: 'customers', columns: ['名称', '邮箱', '城市'], proposedMapping: { 名称: 'name', 邮箱: 'email', 城市: 'address.city' } })
  })

  it('imports with the file first and every option after it, the options honoured', async () => {
    const first = await post('/api/v1/imports', multipart({}, csv('乙公司,b@order.cn,上海\n'), { entity: 'customers' }))
    expect(first.statusCode, first.body).toBe(202)
    expect(first.headers.location).toBe(`/api/v1/imports/${first.json().id}`)
    await t.services.jobs.drain('import')
    expect(await api.status(sales, first.json().id)).toMatchObject({ status: 'completed', counts: { created: 1 } })

    // upsert by e-mail, a mapping that renames, all sent after the file: the row updates 乙公司.
    const options = { entity: 'customers', mode: 'upsert', dedupeBy: 'email', mapping: JSON.stringify({ 名称: 'name', 邮箱: 'email', 城市: null }) }
    const second = await post('/api/v1/imports', multipart({}, csv('乙公司（更名）,b@order.cn,广州\n'), options))
    expect(second.statusCode, second.body).toBe(202)
    await t.services.jobs.drain('import')
    expect(await api.status(sales, second.json().id)).toMatchObject({ status: 'completed', counts: { updated: 1 } })
    expect(await customerByEmail('b@order.cn')).toEqual([{ name: '乙公司（更名）', email: 'b@order.cn' }])

    // The same options before the file give the same outcome.
    const third = await post('/api/v1/imports', multipart(options, csv('乙公司（再改）,b@order.cn,广州\n')))
    expect(third.statusCode, third.body).toBe(202)
    await t.services.jobs.drain('import')
    expect(await customerByEmail('b@order.cn')).toEqual([{ name: '乙公司（再改）', email: 'b@order.cn' }])
  })

  it('a missing entity is a 400 naming it, wherever the file was; nothing is stored', async () => {
    const stored = await importCount()
    for (const [url, body] of [
      ['/api/v1/imports', multipart({}, csv('丙,c@x.cn,北京\n'), { mode: 'create' })],
      ['/api/v1/imports', multipart({ dryRun: 'true' }, csv('丙,c@x.cn,北京\n'))],
      ['/api/v1/imports/analyze', multipart({}, csv('丙,c@x.cn,北京\n'))],
    ] as const) {
      const problem = expectProblem(await post(url, body), 400, ['entity'])
      expect(problem.errors).toEqual([{ path: 'entity', message: 'Required' }])
    }
    expect(await importCount()).toBe(stored)
  })

  it('reports a missing file with the bad fields, and refuses bad options before storing the upload', async () => {
    const stored = await importCount()
    const none = expectProblem(await post('/api/v1/imports', multipart({ entity: 'widgets', mode: 'sometimes' })), 400)
    expect(none.errors!.map((e) => e.path).sort()).toEqual(['entity', 'file', 'mode'])
    expectProblem(await post('/api/v1/imports', multipart({}, csv('丁,d@x.cn,北京\n'), { entity: 'customers', mode: 'upsert' })), 400, ['dedupeBy'])
    expectProblem(await post('/api/v1/imports', multipart({}, csv('丁,d@x.cn,北京\n'), { entity: 'customers', mapping: '{not json' })), 400, ['mapping'])
    expectProblem(await post('/api/v1/imports/analyze', multipart({ entity: 'customers', bogus: 'x' }, csv('丁,d@x.cn,北京\n'))), 400, ['bogus'])
    expect(await importCount()).toBe(stored)
  })

  it('leaves no spooled file behind, after a success or a refusal', async () => {
    expect(await readdir(spool)).toEqual([])
  })
})
