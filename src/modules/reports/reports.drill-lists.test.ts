import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCampaign, insertLead, insertTeam, insertUser } from '../../test/factories'
import { newId } from '../../lib/ids'

// The lead and ticket reports' drill-downs, like the deal ones (reports.drill.test.ts): the list a
// row opens holds exactly the records the row counted, with records inside and outside the period.
const TZ = 'Asia/Shanghai'
const PERIOD = { from: '2026-06-01', to: '2026-06-30' }

let seed = 11
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!
/** May 20 to July 19 (UTC), by the hour: June's edges in Shanghai fall inside. */
const instant = () => new Date(Date.UTC(2026, 4, 20) + Math.floor(rand() * 60 * 24) * 3600_000)

interface Row { drill?: { resource: string; filters: Record<string, string> } | null; [k: string]: unknown }

describe('lead and ticket drill-downs list exactly what their row counts', () => {
  let t: TestApp
  let admin: AuthHeaders
  let supportTeamId: string

  const report = async (name: string, params: Record<string, string> = {}) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/reports/${name}?${new URLSearchParams({ ...PERIOD, tz: TZ, lang: 'en', ...params })}`, headers: admin })
    expect(res.statusCode, res.body).toBe(200)
    return json(res) as { rows: Row[] }
  }
  const listed = async (resource: string, filters: Record<string, string>) => {
    let n = 0
    let cursor: string | null = null
    do {
      const res: Awaited<ReturnType<typeof t.app.inject>> = await t.app.inject({ method: 'GET', url: `/api/v1/${resource}?${new URLSearchParams({ ...filters, limit: '200', ...(cursor ? { cursor } : {}) })}`, headers: admin })
      expect(res.statusCode, res.body).toBe(200)
      const page: { items: unknown[]; nextCursor: string | null } = json(res)
      n += page.items.length
      cursor = page.nextCursor
    } while (cursor)
    return n
  }
  const agree = async (rows: Row[], resource: string, figure: string) => {
    let checked = 0
    for (const row of rows) {
      if (!row.drill) continue
      expect(row.drill.resource).toBe(resource)
      expect(await listed(resource, row.drill.filters), JSON.stringify(row)).toBe(row[figure])
      checked++
    }
    return checked
  }

  beforeAll(async () => {
    t = await createTestApp()
    admin = await sessionFor(t, (await insertUser(t.db, { role: 'admin' })).id)
    const teams = [await insertTeam(t.db), await insertTeam(t.db)]
    supportTeamId = teams[1].id
    const reps = [await insertUser(t.db, { role: 'sales', teamId: teams[0].id }), await insertUser(t.db, { role: 'sales', teamId: teams[1].id })]
    const agents = [await insertUser(t.db, { role: 'support', teamId: teams[0].id }), await insertUser(t.db, { role: 'support', teamId: teams[1].id })]
    const campaigns = [await insertCampaign(t.db), await insertCampaign(t.db)]
    for (let i = 0; i < 80; i++) {
      await insertLead(t.db, { source: pick(['展会', 'Website', null]), campaignId: pick([...campaigns.map((c) => c.id), null]), ownerId: pick(reps).id, status: pick(['new', 'converted'] as const), createdAt: instant() })
    }
    for (let i = 0; i < 80; i++) {
      await sql`INSERT INTO tickets (id, number, type, subject, channel, priority, status, assignee_id, created_at)
        VALUES (${newId()}, ${`T-${newId().slice(-8)}`}, ${pick(['inquiry', 'complaint', 'after_sales'])}, 'x', ${pick(['web', 'email', 'phone'])},
                ${pick(['low', 'normal', 'high', 'urgent'])}, 'open', ${pick([...agents.map((a) => a.id), null])}, ${instant()})`.execute(t.db)
    }
  })
  afterAll(() => t.close())

  it('lead conversion by source, campaign, owner and month', async () => {
    for (const groupBy of ['source', 'campaign', 'owner', 'month']) {
      const body = await report('lead-conversion', { groupBy })
      expect(body.rows.find((r) => r.drill)!.drill!.filters).toMatchObject({ createdFrom: PERIOD.from, createdTo: PERIOD.to, tz: TZ })
      expect(await agree(body.rows, 'leads', 'leads'), groupBy).toBeGreaterThan(0)
    }
  })

  it('ticket volume by type, channel, priority and month; SLA by priority; narrowed to a team', async () => {
    for (const groupBy of ['type', 'channel', 'priority', 'month']) {
      expect(await agree((await report('tickets', { groupBy })).rows, 'tickets', 'count'), groupBy).toBeGreaterThan(0)
    }
    expect(await agree((await report('sla')).rows, 'tickets', 'count')).toBeGreaterThan(0)
    const team = await report('tickets', { teamId: supportTeamId })
    expect(team.rows[0]!.drill!.filters.assigneeTeamId).toBe(supportTeamId)
    expect(await agree(team.rows, 'tickets', 'count')).toBeGreaterThan(0)
  })
})
