import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertUser } from '../../test/factories'

describe('exchange rates: admin CRUD, versions, validation, audit, CSV import', () => {
  let t: TestApp
  let admin: AuthHeaders
  let rep: AuthHeaders
  const url = '/api/v1/settings/exchange-rates'
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, payload?: unknown, h = admin) =>
    t.app.inject({ method, url: `${url}${path}`, headers: h, ...(payload === undefined ? {} : { payload: payload as object }) })

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    rep = await sessionFor(t, (await insertUser(t.db, { role: 'sales' })).id)
  })
  afterAll(() => t.close())

  it('adds, lists (each with the day its successor takes over), edits and deletes, with an audit row each', async () => {
    const a = await call('POST', '', { currency: 'usd', rate: '7.10', effectiveDate: '2026-11-01' })
    expect(a.statusCode, a.body).toBe(201)
    expect(json(a)).toMatchObject({ base: 'CNY', currency: 'USD', rate: '7.1', effectiveDate: '2026-11-01', until: null, version: 1 })
    const b = json(await call('POST', '', { currency: 'USD', rate: '7.2', effectiveDate: '2026-12-01' }))
    const list = json(await call('GET', '', undefined, rep))
    expect(list.base).toBe('CNY')
    expect(list.items.map((r: { effectiveDate: string; until: string | null }) => [r.effectiveDate, r.until])).toEqual([['2026-12-01', null], ['2026-11-01', '2026-11-30']])

    const edited = await call('PATCH', `/${json(a).id}`, { version: 1, rate: '7.15' })
    expect(edited.statusCode, edited.body).toBe(200)
    expect(json(edited)).toMatchObject({ rate: '7.15', version: 2, until: '2026-11-30' })
    const del = await call('DELETE', `/${b.id}?version=1`)
    expect(del.statusCode).toBe(204)
    const audit = await t.db.selectFrom('auditLog').select(['action', 'entityId']).where('entity', '=', 'exchange_rate').orderBy('at').execute()
    expect(audit.map((r) => r.action)).toEqual(['create', 'create', 'update', 'delete'])
  })

  it('a stale version gets 409 with the current rate, on edit and on delete', async () => {
    const r = json(await call('POST', '', { currency: 'EUR', rate: '7.8', effectiveDate: '2026-10-01' }))
    expect((await call('PATCH', `/${r.id}`, { version: 1, rate: '7.9' })).statusCode).toBe(200)
    const stale = await call('PATCH', `/${r.id}`, { version: 1, rate: '8.0' })
    expect(stale.statusCode).toBe(409)
    expect(json(stale).current).toMatchObject({ rate: '7.9', version: 2 })
    expect((await call('DELETE', `/${r.id}?version=1`)).statusCode).toBe(409)
  })

  it('400 with every field error: currency, rate, date; the company currency; a second rate for a day', async () => {
    const bad = await call('POST', '', { currency: 'US', rate: '-1', effectiveDate: '2026-13-01' })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors.map((e: { path: string }) => e.path).sort()).toEqual(['currency', 'effectiveDate', 'rate'])
    const tooFine = await call('POST', '', { currency: 'JPY', rate: '0.04812345678', effectiveDate: '2026-10-01' })
    expect(json(tooFine).errors).toEqual([{ path: 'rate', message: 'At most 10 decimal places' }])
    const base = await call('POST', '', { currency: 'CNY', rate: '1', effectiveDate: '2026-10-01' })
    expect(base.statusCode).toBe(400)
    expect(json(base).errors[0].path).toBe('currency')
    await call('POST', '', { currency: 'HKD', rate: '0.91', effectiveDate: '2026-10-01' })
    const twice = await call('POST', '', { currency: 'HKD', rate: '0.92', effectiveDate: '2026-10-01' })
    expect(twice.statusCode).toBe(400)
    expect(json(twice).errors[0].path).toBe('effectiveDate')
  })

  it('only an admin changes rates', async () => {
    expect((await call('POST', '', { currency: 'GBP', rate: '9.1', effectiveDate: '2026-10-01' }, rep)).statusCode).toBe(403)
  })

  it('CSV import: adds and replaces in one go; any bad line → 400 naming every bad line, nothing saved', async () => {
    const bad = await call('POST', '/import', { csv: 'date,currency,rate\n2026-09-01,SGD,5.3\n2026-09-02,SGD,abc\n2026-02-30,SG,5.4\n2026-09-01,SGD,5.31\n' })
    expect(bad.statusCode).toBe(400)
    expect(json(bad).errors.map((e: { path: string }) => e.path)).toEqual(['csv.3.rate', 'csv.4.currency', 'csv.4.date', 'csv.5.date'])
    expect(json(await call('GET', '?currency=SGD')).items).toHaveLength(0)
    const ok = await call('POST', '/import', { csv: '2026-09-01,SGD,5.3\n2026-09-15;SGD;5.35\n'.replace(';', ',').replace(';', ',') + '2026-10-01,HKD,0.91\n' })
    expect(ok.statusCode, ok.body).toBe(200)
    expect(json(ok)).toEqual({ created: 2, updated: 0, unchanged: 1 })
    const again = json(await call('POST', '/import', { csv: 'date,currency,rate\r\n2026-09-01,SGD,5.30\r\n2026-09-15,SGD,5.4\r\n' }))
    expect(again).toEqual({ created: 0, updated: 1, unchanged: 1 })
    expect(json(await call('GET', '?currency=SGD')).items.map((r: { rate: string }) => r.rate)).toEqual(['5.4', '5.3'])
  })
})
