import type pg from 'pg'
import { encodeCursor } from '../src/lib/cursor'
import type { RequestContext } from '../src/server/context'
import type { Services } from '../src/services'
import { customerListQuerySchema } from '../src/modules/customers/customers.schema'
import { boardQuerySchema } from '../src/modules/opportunities/opportunities.schema'
import type { Captured } from './measure'

export type Role = 'admin' | 'sales'

export interface Case {
  group: 'search' | 'global search' | 'list' | 'get' | 'board' | 'timeline' | 'stage change' | 'reports'
  name: string
  role: Role
  /** HTTP paths, used in turn (one per iteration). */
  paths: string[]
  /** For each path, the SQL the repository issued for it (several when the service runs them together). */
  sql: Captured[][]
  target: { kind: 'p95'; ms: number } | { kind: 'ratio'; max: number }
  /** How the baseline runs the SQL: together as the service does (default), one after another summed, or summed inside a rolled-back transaction (writes). */
  sqlMode?: 'parallel' | 'sum' | 'rollback'
  /** A request other than GET paths[k] (a PATCH with a body), and what to learn from its response. */
  request?: (k: number) => { method: string; path: string; body: string }
  afterResponse?: (k: number, body: string) => void
}

export interface CaseContext {
  admin: RequestContext
  sales: RequestContext
  /** Services over a Kysely instance that logs every query: the way to obtain the exact SQL. */
  services: Services
  captured: Captured[]
  pg: pg.Client
  getCount: number
}

export const SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const
export const PAGES = [1, 100, 1000]
const LIMIT = 50

async function capture(cc: CaseContext, fn: () => Promise<unknown>): Promise<Captured[]> {
  cc.captured.length = 0
  await fn()
  return cc.captured.map((q) => ({ sql: q.sql, parameters: q.parameters }))
}

const scopeSql = (ctx: RequestContext) =>
  ctx.actor.role === 'admin' ? '' : `AND (owner_id = '${ctx.actor.userId}' OR team_id = '${ctx.actor.teamId}')`

/**
 * Search terms taken from the data, so they hit real rows at any size: a Chinese company name with
 * one wrong character, its two-character trade name from the middle of the name, its first four
 * characters with one wrong, 7 digits of a phone, an e-mail prefix, an English name with swapped
 * letters, a two-character (compound) surname and the commonest one-character surname.
 */
export async function searchTerms(client: pg.Client): Promise<{ label: string; q: string }[]> {
  const row = async (text: string) => (await client.query(text)).rows[0] as Record<string, string> | undefined
  const company = await row(`SELECT name FROM customers WHERE type = 'company' AND name LIKE '杭州%有限公司' ORDER BY name OFFSET 37 LIMIT 1`)
  const phone = await row(`SELECT phone FROM customers WHERE phone LIKE '+861%' ORDER BY name, phone OFFSET 101 LIMIT 1`)
  const email = await row(`SELECT email FROM customers WHERE type = 'person' AND email ~ '^[a-z]+\\.[a-z]+[0-9]*@' AND name ~ '^[^a-zA-Z]' ORDER BY name, email OFFSET 55 LIMIT 1`)
  const english = await row(`SELECT name FROM contacts WHERE name ~ '^[A-Z][a-z]+ [A-Z][a-z]{4,}$' ORDER BY name OFFSET 211 LIMIT 1`)
  const terms: { label: string; q: string }[] = []
  if (company) {
    const chars = [...company.name!]
    // The two characters of the trade name, in the middle of the name (杭州远航…有限公司 → 远航): no trigram of its own.
    terms.push({ label: '2 characters in the middle of a name', q: chars.slice(2, 4).join('') })
    // City with one character wrong and the trade name (杭洲远航): too short for trigram similarity.
    terms.push({ label: 'short Chinese name, 1 character wrong', q: `${chars[0]}${chars[1] === '洲' ? '州' : '洲'}${chars.slice(2, 4).join('')}` })
    chars[3] = chars[3] === '欣' ? '鑫' : '欣' // second character of the trade name, e.g. 杭州远航… → 杭州远欣…
    terms.push({ label: 'misspelled Chinese company', q: chars.join('') })
  }
  if (phone) terms.push({ label: 'partial phone (7 digits)', q: phone.phone!.slice(3, 10) })
  if (email) terms.push({ label: 'e-mail prefix', q: email.email!.split('@')[0]!.replace(/\d+$/, '') })
  if (english) {
    const [first, last] = english.name!.split(' ') as [string, string]
    terms.push({ label: 'English name with a typo', q: `${first} ${last.slice(0, 2)}${last[3]}${last[2]}${last.slice(4)}` })
  }
  terms.push({ label: '2-character surname', q: '欧阳' })
  terms.push({ label: '1-character surname', q: '张' })
  return terms
}

export async function searchCases(cc: CaseContext, terms: { label: string; q: string }[]): Promise<Case[]> {
  const cases: Case[] = []
  for (const role of ['admin', 'sales'] as const) {
    const ctx = cc[role]
    for (const t of terms) {
      const q = encodeURIComponent(t.q)
      cases.push({
        group: 'search', name: `/customers?q=${t.q}  (${t.label})`, role, paths: [`/api/v1/customers?q=${q}`],
        sql: [await capture(cc, () => cc.services.customers.list(ctx, customerListQuerySchema.parse({ q: t.q })))],
        target: { kind: 'p95', ms: 30 },
      })
      cases.push({
        group: 'global search', name: `/search?q=${t.q}  (${t.label})`, role, paths: [`/api/v1/search?q=${q}`],
        sql: [await capture(cc, () => cc.services.search.search(ctx, t.q, 10))],
        target: { kind: 'p95', ms: 30 },
      })
    }
  }
  return cases
}

/** A cursor for page `page` built from the database (the row just before it), as the server would encode it. */
async function cursorFor(cc: CaseContext, ctx: RequestContext, sort: string, page: number): Promise<string | undefined> {
  if (page === 1) return undefined
  const field = sort.replace(/^-/, '')
  const column = { name: 'name', createdAt: 'created_at', updatedAt: 'updated_at' }[field]!
  const dir = sort.startsWith('-') ? 'DESC' : 'ASC'
  const { rows } = await cc.pg.query(
    `SELECT ${column} AS v, id FROM customers WHERE deleted_at IS NULL ${scopeSql(ctx)}
     ORDER BY ${column} ${dir}, id ${dir} OFFSET ${(page - 1) * LIMIT - 1} LIMIT 1`,
  )
  const r = rows[0] as { v: string | Date; id: string } | undefined
  if (!r) return undefined
  return encodeCursor({ s: sort, v: r.v instanceof Date ? r.v.toISOString() : r.v, id: r.id })
}

export async function listCases(cc: CaseContext): Promise<Case[]> {
  const cases: Case[] = []
  for (const role of ['admin', 'sales'] as const) {
    const ctx = cc[role]
    for (const sort of SORTS) {
      for (const page of PAGES) {
        const cursor = await cursorFor(cc, ctx, sort, page)
        if (page > 1 && !cursor) continue
        const query = { sort, limit: String(LIMIT), ...(cursor ? { cursor } : {}) }
        cases.push({
          group: 'list', name: `/customers?sort=${sort} page ${page}`, role,
          paths: [`/api/v1/customers?${new URLSearchParams(query)}`],
          sql: [await capture(cc, () => cc.services.customers.list(ctx, customerListQuerySchema.parse(query)))],
          target: { kind: 'p95', ms: 20 },
        })
      }
    }
  }
  return cases
}

/** GET /customers/{id} over many different rows (as the caller may see them), against the same SELECT by id. */
export async function getCases(cc: CaseContext): Promise<Case[]> {
  const cases: Case[] = []
  for (const role of ['admin', 'sales'] as const) {
    const ctx = cc[role]
    const { rows } = await cc.pg.query(
      `SELECT id FROM customers TABLESAMPLE SYSTEM (1) REPEATABLE (42) WHERE deleted_at IS NULL ${scopeSql(ctx)} LIMIT ${cc.getCount}`,
    )
    const ids = (rows as { id: string }[]).map((r) => r.id)
    const sql: Captured[][] = []
    for (const id of ids) sql.push(await capture(cc, () => cc.services.customers.get(ctx, id)))
    cases.push({
      group: 'get', name: `/customers/{id}  (${ids.length} different rows)`, role,
      paths: ids.map((id) => `/api/v1/customers/${id}`), sql, target: { kind: 'ratio', max: 2 },
    })
  }
  return cases
}

/**
 * The sales pipeline: a rep's board (his own deals; and for one close month; an admin looking at
 * that rep), the deepest customer timeline at pages 1, 100 and 1000 (cursors followed through the
 * service), and stage changes (PATCH) alternating two open stages on 20 of the rep's deals.
 * Multi-query endpoints are timed against the sum of their queries run one after another.
 */
export async function salesCases(cc: CaseContext): Promise<Case[]> {
  const cases: Case[] = []
  const rep = cc.sales.actor.userId
  const month = new Date().toISOString().slice(0, 7)
  for (const [role, query, label] of [
    ['sales', { ownerId: rep }, 'own deals'],
    ['sales', { ownerId: rep, closeMonth: month }, `own deals closing ${month}`],
    ['admin', { ownerId: rep }, "a rep's deals, seen by an admin"],
  ] as const) {
    const qs = new URLSearchParams(query).toString()
    cases.push({
      group: 'board', name: `/opportunities/board?${qs.replace(rep, '{rep}')}  (${label})`, role, paths: [`/api/v1/opportunities/board?${qs}`],
      sql: [await capture(cc, () => cc.services.opportunities.board(cc[role], boardQuerySchema.parse(query)))],
      target: { kind: 'p95', ms: 50 }, sqlMode: 'sum',
    })
  }

  const { rows: [top] } = await cc.pg.query(`SELECT customer_id AS id, count(*)::int AS n FROM activities WHERE deleted_at IS NULL GROUP BY customer_id ORDER BY count(*) DESC LIMIT 1`)
  if (top) {
    let cursor: string | undefined
    for (let page = 1; page <= PAGES[PAGES.length - 1]!; page++) {
      const want = PAGES.includes(page)
      cc.captured.length = 0
      const res = await cc.services.activities.timeline(cc.admin, top.id, LIMIT, cursor)
      if (want) {
        cases.push({
          group: 'timeline', name: `/customers/{id}/timeline page ${page}  (${(top.n as number).toLocaleString('en-US')} activities)`, role: 'admin',
          paths: [`/api/v1/customers/${top.id}/timeline?limit=${LIMIT}${cursor ? `&cursor=${cursor}` : ''}`],
          sql: [cc.captured.map((q) => ({ sql: q.sql, parameters: q.parameters }))], target: { kind: 'p95', ms: 20 }, sqlMode: 'sum',
        })
      }
      if (!res.nextCursor) break
      cursor = res.nextCursor
    }
  }

  // 20 open deals of the rep, moved back and forth between needs_analysis and proposal.
  const { rows: deals } = await cc.pg.query(
    `SELECT id, stage, version FROM opportunities WHERE owner_id = $1 AND stage IN ('needs_analysis', 'proposal') AND deleted_at IS NULL ORDER BY id LIMIT 20`, [rep])
  if (deals.length) {
    const state = (deals as { id: string; stage: string; version: number }[]).map((d) => ({ ...d }))
    const other = (stage: string) => (stage === 'proposal' ? 'needs_analysis' : 'proposal')
    const sql: Captured[][] = []
    for (const d of state) {
      // Captured from a real move (committed), then replayed by the baseline inside a rolled-back transaction.
      const moved = await cc.services.opportunities.update(cc.sales, d.id, { stage: other(d.stage), version: d.version })
      sql.push(cc.captured.map((q) => ({ sql: q.sql, parameters: q.parameters })))
      cc.captured.length = 0
      Object.assign(d, { stage: moved.stage, version: moved.version })
    }
    cases.push({
      group: 'stage change', name: `PATCH /opportunities/{id} {stage, version}  (${state.length} deals, needs_analysis ⇄ proposal)`, role: 'sales',
      paths: state.map((d) => `/api/v1/opportunities/${d.id}`), sql, target: { kind: 'p95', ms: 10 }, sqlMode: 'rollback',
      request: (k) => {
        const d = state[k % state.length]!
        return { method: 'PATCH', path: `/api/v1/opportunities/${d.id}`, body: JSON.stringify({ stage: other(d.stage), version: d.version }) }
      },
      afterResponse: (k, body) => {
        const r = JSON.parse(body) as { stage: string; version: number }
        Object.assign(state[k % state.length]!, { stage: r.stage, version: r.version })
      },
    })
  }
  return cases
}
