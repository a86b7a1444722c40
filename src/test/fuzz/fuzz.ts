import fc from 'fast-check'
import { insertCampaign, insertContact, insertCustomer, insertLead, insertOpportunity, insertTeam, insertUser } from '../factories'
import { sessionFor, type AuthHeaders, type TestApp } from '../test-app'
import { fromSchema, type Schema } from './from-schema'
import { encode, hostileString, rawBodies, rawEscapes } from './hostile'

export const FUZZ_ROLES = ['admin', 'manager', 'sales', 'support', 'marketing', 'anonymous'] as const
type FuzzRole = (typeof FUZZ_ROLES)[number]

interface Param { name: string; in: 'path' | 'query' | 'header' | 'cookie'; schema: Schema }
export interface Operation { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; path: string; params: Param[]; body: Schema | null }
interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: Param[]; requestBody?: { content?: Record<string, { schema: Schema }> } }>>
  components?: { schemas?: Record<string, Schema> }
}

export interface FuzzRequest { role: FuzzRole; method: Operation['method']; url: string; payload?: string | Buffer; contentType?: string }
export interface Failure { route: string; request: FuzzRequest; status: number; body: string; why: string }
export interface FuzzStats { requests: number; routes: Set<string>; roles: Map<string, number>; statuses: Map<number, number>; failures: Failure[]; slowest: { ms: number; route: string; url: string }[] }

export const newStats = (): FuzzStats => ({ requests: 0, routes: new Set(), roles: new Map(), statuses: new Map(), failures: [], slowest: [] })

/** What a reply must never show: a stack frame, an engine or driver message, a JavaScript fault. */
const LEAK = /\n\s+at \S|\bat [\w$.<>]+ \(|\.(?:ts|js|mjs|cjs):\d+:\d+|node_modules|Cannot read propert|is not a function|is not iterable|Maximum call stack|syntax error at or near|violates [\w-]+ constraint|duplicate key value|invalid input syntax for|out of range for type|\bSQLSTATE\b|\bECONN\w+|\bENOENT\b|\b(?:Type|Range|Reference)Error\b|\bpglite\b|\bkysely\b/i

/** The API's operations as its own OpenAPI document lists them: a new route is fuzzed without anyone adding it here. */
export async function operationsOf(t: TestApp): Promise<{ operations: Operation[]; resolve: (ref: string) => Schema }> {
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as OpenApiDoc
  const resolve = (ref: string) => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] ?? {}
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'patch', 'put', 'delete'].includes(method)) continue
      operations.push({ method: method.toUpperCase() as Operation['method'], path, params: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema ?? null })
    }
  }
  return { operations, resolve }
}

/** Users of every role (with sessions) and one record of each main kind, so that valid ids reach the handlers. */
export async function fuzzWorld(t: TestApp) {
  const team = await insertTeam(t.db)
  const users = {} as Record<Exclude<FuzzRole, 'anonymous'>, string>
  for (const role of FUZZ_ROLES) if (role !== 'anonymous') users[role] = (await insertUser(t.db, { role, teamId: team.id })).id
  const customer = await insertCustomer(t.db, { ownerId: users.sales, teamId: team.id })
  const contact = await insertContact(t.db, customer.id)
  const deal = await insertOpportunity(t.db, customer.id)
  const lead = await insertLead(t.db, { ownerId: users.sales })
  const campaign = await insertCampaign(t.db)
  const ids = [team.id, customer.id, contact.id, deal.id, lead.id, campaign.id]
  return {
    ids,
    /** Fresh sessions: a fuzzed sign-out or password change must not blind the rest of the run. */
    async actors(): Promise<Record<FuzzRole, AuthHeaders>> {
      const out = { anonymous: {} } as Record<FuzzRole, AuthHeaders>
      for (const [role, id] of Object.entries(users)) out[role as FuzzRole] = await sessionFor(t, id)
      return out
    },
  }
}

const asQueryText = (v: unknown) => (typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v) ?? '')

/** Node refuses request heads over 16 KB, so a longer URL never reaches the app: URL values stay under it. */
const urlString = hostileString.map((v) => v.slice(0, 3000))

/** Generated requests for one operation: its path, query and body, hostile often, valid-looking as often. */
export function requestsFor(op: Operation, role: FuzzRole, resolve: (ref: string) => Schema, ids: string[]): fc.Arbitrary<FuzzRequest> {
  const idArb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() })
  const pathValue = fc.oneof({ weight: 4, arbitrary: idArb }, { weight: 3, arbitrary: urlString.map(encode) }, { weight: 1, arbitrary: rawEscapes })
  const pathParams = op.params.filter((p) => p.in === 'path')
  const path = fc.tuple(...pathParams.map(() => pathValue)).map((values) =>
    pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, values[i] || '%20'), op.path))
  const queryParam = (p: Param) =>
    fc.option(fc.oneof(
      { weight: 5, arbitrary: fromSchema(p.schema, resolve, idArb).map((v) => [`${p.name}=${encode(asQueryText(v).slice(0, 3000))}`]) },
      { weight: 1, arbitrary: urlString.map((v) => [`${p.name}=${encode(v)}`]) },
      { weight: 1, arbitrary: fc.tuple(urlString, urlString).map(([a, b]) => [`${p.name}=${encode(a)}`, `${p.name}=${encode(b)}`]) },
      { weight: 1, arbitrary: rawEscapes.map((v) => [`${p.name}=${v}`]) },
      { weight: 1, arbitrary: fc.constant([`${p.name}[]=1`, `${p.name}[a]=b`]) },
    ), { freq: 2 })
  const unknown = fc.option(fc.tuple(urlString, urlString).map(([k, v]) => [`${encode(k) || 'x'}=${encode(v)}`]), { freq: 8 })
  const query = fc.tuple(unknown, ...op.params.filter((p) => p.in === 'query').map(queryParam)).map((parts) => parts.flatMap((p) => p ?? []))
  const body: fc.Arbitrary<{ payload?: string | Buffer; contentType?: string }> = op.body
    ? fc.oneof({ weight: 6, arbitrary: fromSchema(op.body, resolve, idArb).map((v) => ({ payload: JSON.stringify(v) ?? 'null', contentType: 'application/json' })) }, { weight: 1, arbitrary: rawBodies })
    : fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: rawBodies })
  return fc.record({ path, query, body }).map(({ path, query, body }) => ({
    role, method: op.method, url: query.length ? `${path}?${query.join('&')}` : path, ...body,
  }))
}

/** Sends one request and says what is wrong with the reply: a 5xx, or internals in it. */
export async function send(t: TestApp, actors: Record<FuzzRole, AuthHeaders>, route: string, r: FuzzRequest, stats: FuzzStats): Promise<Failure | null> {
  const headers: Record<string, string> = { ...actors[r.role] }
  if (r.contentType !== undefined && r.payload !== undefined) headers['content-type'] = r.contentType
  const started = performance.now()
  const res = await t.app.inject({ method: r.method, url: r.url, headers, ...(r.payload !== undefined ? { payload: r.payload } : {}) })
  // The slowest replies, for the report: a request that takes seconds is a denial of service waiting to happen.
  stats.slowest.push({ ms: Math.round(performance.now() - started), route, url: r.url.slice(0, 200) })
  stats.slowest.sort((a, b) => b.ms - a.ms).splice(10)
  stats.requests++
  stats.routes.add(route)
  stats.roles.set(r.role, (stats.roles.get(r.role) ?? 0) + 1)
  stats.statuses.set(res.statusCode, (stats.statuses.get(res.statusCode) ?? 0) + 1)
  const body = res.rawPayload.toString('latin1')
  const why = res.statusCode >= 500 ? `status ${res.statusCode}` : LEAK.test(body) ? `internals in the reply: ${body.match(LEAK)![0]}` : null
  if (!why) return null
  const failure = { route, request: { ...r, payload: typeof r.payload === 'string' ? r.payload.slice(0, 300) : r.payload }, status: res.statusCode, body: res.body.slice(0, 500), why }
  stats.failures.push(failure)
  return failure
}

/**
 * Fuzzes one operation `runs` times with fast-check. With `stopAtFirst`, the first failure
 * fails the property (and fast-check shrinks it to a small request); without, every failure is
 * recorded and the run goes on, for a count.
 */
export async function fuzzOperation(t: TestApp, world: Awaited<ReturnType<typeof fuzzWorld>>, op: Operation, resolve: (ref: string) => Schema, opts: { runs: Partial<Record<FuzzRole, number>>; seed: number; stats: FuzzStats; stopAtFirst: boolean }) {
  const actors = await world.actors()
  const route = `${op.method} ${op.path}`
  for (const [i, role] of FUZZ_ROLES.entries()) {
    const runs = opts.runs[role] ?? 0
    if (runs > 0) await fuzzAs(t, actors, route, requestsFor(op, role, resolve, world.ids), { ...opts, runs, seed: opts.seed + i })
  }
}

async function fuzzAs(t: TestApp, actors: Record<FuzzRole, AuthHeaders>, route: string, requests: fc.Arbitrary<FuzzRequest>, opts: { runs: number; seed: number; stats: FuzzStats; stopAtFirst: boolean }) {
  await fc.assert(
    fc.asyncProperty(requests, async (r) => {
      const failure = await send(t, actors, route, r, opts.stats)
      return !(failure && opts.stopAtFirst)
    }),
    { numRuns: opts.runs, seed: opts.seed },
  )
}
