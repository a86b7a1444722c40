import type { EncryptionService } from '../encryption/encryption.service'
import { setImmediate } from 'node:timers/promises'
import type { ZodType } from 'zod'
import type { Executor } from '../../db/database'
import { changedFields, type FieldChanges } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { importPhone, phoneRegion } from './phone-fast'
import type { RequestContext } from '../../server/context'
import { AppError } from '../../server/errors'
import { assertCanAssign, inScope, scopeFor } from '../../server/permissions'
import { customerCreateSchema } from '../customers/customers.schema'
import { contactCreateSchema } from '../contacts/contacts.schema'
import { leadCreateSchema } from '../leads/leads.schema'
import { opportunityCreateSchema } from '../opportunities/opportunities.schema'
import { productCreateSchema } from '../products/products.schema'
import { zonedInstant } from '../tickets/tickets.business-hours'
import { companyLocale } from '../company/company.service'
import { prepareAuditBatch, recordAuditBatch, type AuditEvent } from '../audit/audit.service'
import { dealDocuments, followDeals } from '../opportunities/opportunities.followers'
import * as repo from './imports.repository'
import type { ImportEntity, ImportOptions, RecordEntity } from './imports.schema'
import { processListMembers } from './list-members'
import { processUsers } from './users-import'
import type { Issue, PreparedRow } from './prepare'
import { keyOf, resolveCustomers, resolveOwners, type CustomerRef } from './references'
import { auditLine, compareDealLines, resolveProducts, splitLineValues, takeDealLine, writeDealLines, type DealLine } from './deal-lines'
import type { StoredLine } from './deal-lines.repository'
import type { StageInfo } from './targets'
import { missingCustomer, rowIssue } from './messages'

export const ENTITY_TABLE = { customers: 'customers', contacts: 'contacts', leads: 'leads', opportunities: 'opportunities', products: 'products' } as const
export const AUDIT_ENTITY = { customers: 'customer', contacts: 'contact', leads: 'lead', opportunities: 'opportunity', products: 'product' } as const
const SCHEMAS: Record<RecordEntity, ZodType> = {
  customers: customerCreateSchema, contacts: contactCreateSchema, leads: leadCreateSchema, opportunities: opportunityCreateSchema, products: productCreateSchema,
}
const OWNED = new Set<RecordEntity>(['customers', 'leads', 'opportunities'])

export interface BatchEnv {
  exec: Executor
  ctx: RequestContext
  entity: ImportEntity
  options: ImportOptions
  stages: StageInfo[]
  defaultRegion: string
  /** The company's currency, for rows without one (there is no currency column, or its cell is blank). */
  currency: string
  /** The import's time zone: a date-only cell for a timestamp field is midnight there. */
  timeZone: string
  importId: string
  /** false: validate and count only (validation pass, dry run, preview). */
  write: boolean
  /** Seals customers' and contacts' chosen fields on write and matches them by blind index (field encryption). */
  encryption?: EncryptionService
}

/** The currency and time zone an import fills in: the options' zone, else the company's. */
export async function importLocale(exec: Executor, options: Pick<ImportOptions, 'timeZone'>): Promise<Pick<BatchEnv, 'currency' | 'timeZone'>> {
  const company = await companyLocale(exec)
  return { currency: company.currency, timeZone: options.timeZone ?? company.timeZone }
}

/** unchanged: an upsert's match already holds the row's values; merged: a repeat folded into an earlier row's record. */
export type Outcome = 'create' | 'update' | 'unchanged' | 'merged' | 'skip' | 'invalid'
export interface RowResult {
  row: number
  cells: string[]
  outcome: Outcome
  errors: Issue[]
  /** The columns as they will be stored (preview). */
  record: Record<string, unknown>
  /** A kept row's values left out (an invalid phone with invalidPhone drop-phone). */
  warnings?: Issue[]
  entityId?: string
  /** A row skipped as a duplicate: its key as the file gave it, and the record (entityId) or earlier row it matched. */
  match?: { key: string; name: string; row?: number }
}

/** The environment of an import whose rows become records of their own. */
type RecordEnv = BatchEnv & { entity: RecordEntity }

interface Planned extends RowResult {
  dedupeKey?: string
  /** The file named an owner: an update may move the record to him. */
  ownerGiven?: boolean
  /** The record's keys the row's cells filled (not the defaults a create adds): all an upsert may change. */
  given?: Set<string>
  /** An upsert's match: the values the file wants on it (repeats merged in), before comparing. */
  wanted?: Record<string, unknown>
  existing?: Record<string, any>
  /** Deals: the line the row's product columns make. */
  line?: DealLine
  linesBefore?: StoredLine[]
}

/** Entities whose rows name no customer: planning them only reads, so it may run ahead of the write. */
export const plansAhead = (entity: ImportEntity) => entity === 'customers' || entity === 'leads' || entity === 'products'

/** A batch's rows validated and resolved (owners, customers), not yet de-duplicated or written. */
export type PlannedBatch = Planned[]

/**
 * Resolves owners (and customers, creating missing ones when writing) and validates each row,
 * looking at the network every `yieldEvery` rows (IO_SLICE while a write runs beside it).
 */
export async function planBatch(batchEnv: BatchEnv, rows: PreparedRow[], yieldEvery = Infinity): Promise<PlannedBatch> {
  const env = recordEnv(batchEnv)
  const { exec, ctx, entity, options } = env
  const owners = OWNED.has(entity) ? await resolveOwners(exec, rows) : new Map()
  const needsCustomer = entity === 'contacts' || entity === 'opportunities'
  const customers = needsCustomer ? await resolveCustomers(exec, ctx, rows.filter((r) => r.errors.length === 0), { createMissing: options.createMissing, write: env.write, importId: env.importId, encryption: env.encryption }) : new Map()
  const products = entity === 'opportunities' ? await resolveProducts(exec, rows, options.valueMapping) : new Map()
  const planned: Planned[] = []
  for (const r of rows) {
    planned.push(build(env, r, owners, customers, products))
    if (planned.length % yieldEvery === 0) await setImmediate()
  }
  return planned
}

/**
 * Rows worked between two looks at the network while reading ahead beside a batch's transaction:
 * a whole batch of synchronous work (a chain of microtasks) would keep the database's answer to
 * that transaction's statement waiting, and the database idle, until it ended. Not in the
 * validation pass, where nothing waits and the looks cost 5–20% of its time.
 */
export const IO_SLICE = 100

const recordEnv = (env: BatchEnv): RecordEnv => {
  if (env.entity === 'mailing-list-members' || env.entity === 'users') throw new Error(`${env.entity} are not planned as records`)
  return { ...env, entity: env.entity }
}

/**
 * Validates, resolves and de-duplicates one batch with a fixed number of queries, and with
 * `write` stores it: one multi-row INSERT, the updates, one audit INSERT, one journal INSERT.
 * `planned` is the batch as planBatch left it when that ran ahead (plansAhead).
 */
export async function processBatch(batchEnv: BatchEnv, rows: PreparedRow[], planned?: PlannedBatch): Promise<RowResult[]> {
  if (batchEnv.entity === 'mailing-list-members') return processListMembers(batchEnv, rows)
  if (batchEnv.entity === 'users') return processUsers(batchEnv, rows)
  const env = recordEnv(batchEnv)
  const { entity, options } = env
  planned ??= await planBatch(env, rows)
  // A SKU is unique among live products: even "create" must find the existing ones.
  if (entity === 'products') await dedupe(env, planned, 'sku')
  else if (options.mode !== 'create' && options.dedupeBy) await dedupe(env, planned, options.dedupeBy)
  if (entity === 'opportunities') await compareDealLines(env.exec, planned)
  if (!env.write) return planned
  await write(env, planned)
  return planned
}

function build(env: RecordEnv, r: PreparedRow, owners: Map<string, any>, customers: Map<string, any>, products: Map<string, any>): Planned {
  const { ctx, entity } = env
  const errors: Issue[] = [...r.errors]
  const result: Planned = { row: r.row, cells: r.cells, outcome: 'invalid', errors, record: {} }
  // A row is checked whole: every problem of it is said at once (the preview, errors.csv), not only the first.
  const add = (issue: Issue) => {
    if (!errors.some((e) => e.path === issue.path)) errors.push(issue)
  }
  // `country` (contacts, leads) only says where the row's phone is: no column stores it.
  const { owner, customer, closedAt, createdAt, country, ...values } = r.values
  const lineValues = entity === 'opportunities' ? splitLineValues(values) : {}
  const input: Record<string, unknown> = {}
  const address: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(values)) {
    if (k.startsWith('address.')) address[k.slice(8)] = v
    else input[k] = v
  }
  if (Object.keys(address).length) input.address = address

  let customerRef: CustomerRef | undefined
  if (entity === 'contacts' || entity === 'opportunities') {
    const res = customers.get(keyOf(customer))
    // A row that failed to read was not looked up (nor its customer created): no verdict on its customer.
    if (!res) {
      if (r.errors.length === 0) errors.push(missingCustomer(env.options.lang ?? 'en'))
    } else if (!res.ok) errors.push({ path: 'customer', message: res.message })
    else {
      customerRef = res.value
      input.customerId = customerRef!.id
      if (entity === 'contacts' && !customerRef!.created && !inScope(scopeFor(ctx.actor, 'write'), customerRef!)) {
        errors.push({ path: 'customer', message: 'You may not add contacts to this customer' })
      }
    }
  }
  // The phone is read below, not by the write schema (which checks it in the server's region): the
  // row's own country sets its region, and drop-phone may keep the row without it.
  const { phone, ...checked } = input
  const parsed = SCHEMAS[entity].safeParse(checked)
  if (!parsed.success) {
    // The customer's own problem was said already; the schema would add "customerId missing".
    for (const i of parsed.error.issues) add(rowIssue(i as Parameters<typeof rowIssue>[0], env.options.lang ?? 'en'))
  }
  // zod's output is a fresh object already: no copy needed. An invalid row's phone and owner are checked as read.
  const record = (parsed.success ? parsed.data : checked) as Record<string, unknown>
  if (phone !== undefined) record.phone = phone
  const warnings: Issue[] = []
  const later: Issue[] = []
  const region = phoneRegion(country ?? values['address.country'], env.options.region ?? env.defaultRegion)
  importPhone(record, region, env.options.invalidPhone === 'drop-phone', later, warnings)
  if (warnings.length) result.warnings = warnings
  if (OWNED.has(entity)) Object.assign(record, ownership(env, owner, owners, later))
  later.forEach(add)
  if (errors.length) return result
  if (entity === 'products') record.currency ??= env.currency
  if (entity === 'opportunities') result.line = takeDealLine(lineValues, record, products, env.options.valueMapping, errors, env.currency)
  if (entity === 'opportunities') opportunityDefaults(env, record, closedAt as string | undefined, createdAt as string | undefined, errors)
  if (errors.length) return result
  result.record = record
  result.outcome = 'create'
  result.ownerGiven = owner !== undefined
  // A product line sets the amount: an upsert writes it as if the file had.
  result.given = new Set([...Object.keys(input), ...(closedAt !== undefined || 'stage' in input ? ['closedAt'] : []), ...(result.line ? ['amount'] : [])])
  return result
}

function ownership(env: BatchEnv, owner: unknown, owners: Map<string, any>, errors: Issue[]) {
  const { actor } = env.ctx
  if (owner === undefined) {
    // Marketing imports leads for sales to pick up: unowned, so lead routing deals them out.
    if (actor.role === 'marketing') return { ownerId: null, teamId: null }
    return { ownerId: actor.userId, teamId: actor.teamId }
  }
  const res = owners.get(keyOf(owner))
  if (!res?.ok) {
    errors.push({ path: 'owner', message: res?.message ?? 'Unknown user' })
    return {}
  }
  try {
    assertCanAssign(actor, res.value)
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    errors.push({ path: 'owner', message: err.code === 'FORBIDDEN' ? `You may not assign records to ${String(owner)}` : `${String(owner)} is inactive` })
    return {}
  }
  return { ownerId: res.value.id, teamId: res.value.teamId }
}

/** A calendar day (YYYY-MM-DD) as the instant it began in `timeZone`: a US team's 03/01 is not 1 March in Greenwich. */
function startOfDay(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  return new Date(zonedInstant(y, m, d, 0, timeZone))
}

/** Stage, probability and closing as the opportunity service sets them; imported history kept. */
function opportunityDefaults(env: BatchEnv, record: Record<string, unknown>, closedAt: string | undefined, createdAt: string | undefined, errors: Issue[]) {
  const stage = record.stage ? env.stages.find((s) => s.key === record.stage) : env.stages.find((s) => s.kind === 'open')
  if (!stage) {
    errors.push({ path: 'stage', message: `Unknown stage "${String(record.stage)}"` })
    return
  }
  record.stage = stage.key
  record.probability ??= stage.probability
  record.amount ??= '0'
  record.currency ??= env.currency
  delete record.lines
  const closedDay = closedAt ?? (record.expectedCloseDate as string | undefined)
  record.closedAt = stage.kind === 'open' ? null : closedDay ? startOfDay(closedDay, env.timeZone) : new Date()
  if (createdAt) record.createdAt = startOfDay(createdAt, env.timeZone)
}

/** The duplicate key of a planned row, in the form the lookup compares. */
function keyFor(entity: RecordEntity, by: 'email' | 'phone' | 'name' | 'sku', rec: Record<string, unknown>): string | undefined {
  if (by === 'sku') return typeof rec.sku === 'string' ? rec.sku.toLowerCase() : undefined
  if (by === 'email') return typeof rec.email === 'string' ? rec.email.toLowerCase() : undefined
  if (by === 'phone') return typeof rec.phone === 'string' ? rec.phone : undefined
  const second = entity === 'contacts' || entity === 'opportunities' ? rec.customerId : rec.company
  return `${String(rec.name).toLowerCase()}\u0001${String(second ?? '').toLowerCase()}`
}

/** The duplicate key as a user reads it: the file's own spelling, name and company together. */
function keyText(by: 'email' | 'phone' | 'name' | 'sku', rec: Record<string, unknown>): string {
  if (by !== 'name') return String(rec[by] ?? '')
  return [rec.name, rec.company].filter((v) => typeof v === 'string' && v !== '').join(' / ')
}

/** Journal rows as kept: a sealed entity's cells, keys and messages sealed (field encryption). */
export const sealJournal = (env: Pick<BatchEnv, 'encryption' | 'entity' | 'exec'>, rows: Record<string, unknown>[]) =>
  env.encryption ? Promise.all(rows.map((r) => env.encryption!.sealJournal(env.entity, r, env.exec))) : Promise.resolve(rows)

/** Journal rows of the rows skipped as duplicates (status and duplicates.csv list them). */
export const duplicateJournal = (importId: string, results: RowResult[]) =>
  results.filter((r) => r.outcome === 'skip' && r.match).map((r) => ({
    importId, rowNumber: r.row, outcome: 'duplicate', entityId: r.entityId ?? null, before: null, afterVersion: null, cells: r.cells, errors: null,
    matchKey: r.match!.key, matchName: r.match!.name, matchedRow: r.match!.row ?? null,
  }))

async function dedupe(env: RecordEnv, planned: Planned[], by: 'email' | 'phone' | 'name' | 'sku') {
  const { entity, options } = env
  const live = planned.filter((p) => p.outcome === 'create')
  for (const p of live) p.dedupeKey = keyFor(entity, by, p.record)
  const keys = [...new Set(live.map((p) => p.dedupeKey).filter((k): k is string => !!k))]
  const lookupKeys = by === 'name' ? [...new Set(keys.map((k) => k.split('\u0001')[0]!))] : keys
  const sealable = sealedEntity(env)
  const indexes = sealable && (by === 'email' || by === 'phone') ? await env.encryption!.indexesOf(sealable, by, lookupKeys, env.exec) : []
  const rows = await repo.findDuplicates(env.exec, {
    table: ENTITY_TABLE[entity],
    by,
    keys: lookupKeys,
    scope: entity === 'products' ? undefined : scopeFor(env.ctx.actor, 'read'),
    forUpdate: env.write,
    indexes,
  })
  // Matches come back as stored: opened, so keys, the upsert's comparison and the audit see plain values.
  const found = sealable ? await env.encryption!.openRows(sealable, rows as { id: string }[], env.exec) as Record<string, any>[] : rows
  const existing = new Map<string, Record<string, any>>()
  for (const row of found) {
    const k = keyFor(entity, by, row)
    if (k && !existing.has(k)) existing.set(k, row)
  }
  const firstInBatch = new Map<string, Planned>()
  for (const p of live) {
    if (!p.dedupeKey) continue
    const hit = existing.get(p.dedupeKey)
    const earlier = firstInBatch.get(p.dedupeKey)
    if (!hit && !earlier) {
      firstInBatch.set(p.dedupeKey, p)
      continue
    }
    if (options.mode === 'create') {
      p.outcome = 'invalid'
      p.errors.push({ path: 'sku', message: `SKU ${String(p.record.sku)} exists${hit ? '' : ' earlier in the file'}: choose update or skip duplicates` })
      continue
    }
    if (options.mode === 'skip-duplicates') {
      p.outcome = 'skip'
      p.entityId = hit?.id
      p.match = { key: keyText(by, p.record), name: String((hit ?? earlier!.record).name ?? ''), row: hit ? undefined : earlier!.row }
      continue
    }
    if (earlier) {
      // A repeat of a row earlier in this batch: one record, the later filled cells win.
      mergeInto(earlier, p)
      continue
    }
    if (!canWrite(env, hit!)) {
      p.outcome = 'invalid'
      p.errors.push({ path: by, message: `Matches ${AUDIT_ENTITY[entity]} "${hit!.name}" which you may not change` })
      continue
    }
    p.existing = hit
    p.entityId = hit!.id
    p.wanted = givenOnly(p)
    compare(p)
    firstInBatch.set(p.dedupeKey, p)
  }
}

/** The filled cells of a row (and its owner when it names one): what an upsert writes. */
function givenOnly(p: Planned): Record<string, unknown> {
  const out = definedOnly(Object.fromEntries(Object.entries(p.record).filter(([k]) => p.given?.has(k))))
  if (p.ownerGiven) Object.assign(out, { ownerId: p.record.ownerId, teamId: p.record.teamId })
  return out
}

const mergeValues = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const merged = { ...a, ...b }
  if (a.address && b.address) merged.address = { ...(a.address as object), ...(b.address as object) }
  return merged
}

/** An upsert's wanted values against its match: the patch, or nothing to do. */
function compare(p: Planned) {
  p.record = patchOf(p.wanted!, p.existing!, p.ownerGiven ?? false)
  p.outcome = Object.keys(p.record).length ? 'update' : 'unchanged'
}

function mergeInto(earlier: Planned, p: Planned) {
  // A deal imports one product line: folding a second row's line (and its amount) into the first
  // would keep one line beside the other's amount. Said, not silently merged.
  if (p.line || (earlier.line && p.given?.has('amount'))) {
    p.outcome = 'invalid'
    p.errors.push({ path: 'product', message: `Row ${earlier.row} imports this deal already: an import gives a deal one product line, so put each deal on one row` })
    return
  }
  const later = givenOnly(p)
  if (earlier.existing) {
    earlier.wanted = mergeValues(earlier.wanted!, later)
    earlier.ownerGiven ||= p.ownerGiven
    compare(earlier)
  } else {
    earlier.record = mergeValues(earlier.record, later)
  }
  p.outcome = 'merged'
  p.entityId = earlier.entityId
}

function canWrite(env: RecordEnv, row: Record<string, any>) {
  if (env.entity === 'products') return true
  // A contact is changed by whoever may change its customer (findDuplicates joins the owner in).
  const owned = env.entity === 'contacts' ? { ownerId: row.customerOwnerId ?? null, teamId: row.customerTeamId ?? null } : row
  return inScope(scopeFor(env.ctx.actor, 'write'), owned as { ownerId: string | null; teamId: string | null })
}

const definedOnly = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined && v !== null))

/** The filled cells that differ from the record: a blank cell never clears a stored value. */
function patchOf(record: Record<string, unknown>, current: Record<string, any>, ownerGiven: boolean): Record<string, unknown> {
  const patch: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(definedOnly(record))) {
    if (k === 'ownerId' || k === 'teamId' || k === 'createdAt') continue
    // The SKU that matched, in another case, is the same SKU: the catalog keeps its spelling.
    if (k === 'sku' && typeof v === 'string' && String(current.sku).toLowerCase() === v.toLowerCase()) continue
    const merged = k === 'address' ? { ...(current.address ?? {}), ...(v as object) } : v
    const before = current[k] instanceof Date ? current[k].toISOString() : current[k]
    const after = merged instanceof Date ? merged.toISOString() : merged
    if (JSON.stringify(before ?? null) !== JSON.stringify(after)) patch[k] = merged
  }
  // Ownership moves only when the file names an owner.
  if (ownerGiven && record.ownerId !== undefined && record.ownerId !== current.ownerId) {
    patch.ownerId = record.ownerId
    patch.teamId = record.teamId
  }
  return patch
}

const toColumns = (r: Record<string, unknown>) =>
  'address' in r ? { ...r, address: r.address == null ? null : JSON.stringify(r.address) } : r

/** Customers and contacts, whose e-mail, phone and address may be encrypted: their entity, when a key is set. */
const sealedEntity = (env: RecordEnv) =>
  env.encryption?.keyring.configured && (env.entity === 'customers' || env.entity === 'contacts') ? env.entity : undefined

async function write(env: RecordEnv, planned: Planned[]) {
  const { exec, ctx, entity, importId } = env
  const table = ENTITY_TABLE[entity]
  const creates = planned.filter((p) => p.outcome === 'create')
  if (entity === 'contacts') await primaries(env, creates)
  const sealable = sealedEntity(env)
  const seal = async (id: string, r: Record<string, unknown>): Promise<Record<string, unknown>> => (sealable ? env.encryption!.sealRow(sealable, id, r, exec) : r)
  const sealChanges = async (id: string, c: FieldChanges) => (sealable ? env.encryption!.sealChanges(sealable, id, c, exec) : c)
  const rows = await Promise.all(creates.map((p) => {
    p.entityId = newId()
    return seal(p.entityId, { ...p.record, id: p.entityId, createdBy: ctx.actor.userId })
  }))
  const createdChanges = await Promise.all(creates.map((p) => sealChanges(p.entityId!, changedFields({}, serializable(p.record)))))
  // One INSERT … SELECT for the whole batch (address as a jsonb value, tags as text[]). While the
  // database works on it, Node builds the created rows' audit and journal statements.
  const inserted = repo.insertSet(exec, table, rows)
  const createdAudit = prepareAuditBatch(ctx, creates.map((p, i) => ({ action: 'create', entity: AUDIT_ENTITY[entity], entityId: p.entityId!, changes: { ...createdChanges[i]!, ...(p.line ? { lines: { before: null, after: [auditLine(p.line)] } } : {}), importId: { before: null, after: importId } } })))
  const createdJournal = repo.journalInsert(creates.map((p) => ({ importId, rowNumber: p.row, outcome: 'created', entityId: p.entityId!, afterVersion: 1, before: null, cells: null, errors: p.warnings ?? null })))
  await inserted
  const audits: AuditEvent[] = []
  const journal: Record<string, unknown>[] = []
  for (const p of planned.filter((x) => x.outcome === 'update')) {
    const current = p.existing!
    const ok = await repo.updateRecord(exec, table, current.id, current.version, await seal(current.id, toColumns(p.record)))
    if (!ok) {
      p.outcome = 'invalid'
      p.errors.push({ path: 'row', message: 'The matching record changed during the import' })
      continue
    }
    const before: Record<string, unknown> = {}
    for (const k of Object.keys(p.record)) before[k] = current[k] instanceof Date ? current[k].toISOString() : (current[k] ?? null)
    if (p.linesBefore) before.lines = p.linesBefore
    // Undo writes these back: kept as the row kept them (sealed, with their blind indexes).
    if (sealable) Object.assign(before, await seal(current.id, before))
    const lines = p.linesBefore ? { lines: { before: p.linesBefore.map((l) => auditLine({ ...l, productId: l.productId! })), after: [auditLine(p.line!)] } } : {}
    audits.push({ action: 'update', entity: AUDIT_ENTITY[entity], entityId: current.id, changes: { ...(await sealChanges(current.id, changedFields(serializable(current), serializable(p.record)))), ...lines, importId: { before: null, after: importId } } })
    journal.push({ importId, rowNumber: p.row, outcome: 'updated', entityId: current.id, before, afterVersion: current.version + 1, cells: null, errors: p.warnings ?? null })
  }
  if (entity === 'opportunities') {
    await writeDealLines(exec, planned)
    // A deal that changed hands takes its quotes and orders with it.
    const moved = planned.filter((x) => x.outcome === 'update' && 'ownerId' in x.record).map((x) => x.existing!.id as string)
    audits.push(...(await followDeals(exec, dealDocuments, moved)))
  }
  for (const p of planned.filter((x) => x.outcome === 'invalid')) {
    journal.push({ importId, rowNumber: p.row, outcome: 'invalid', entityId: null, before: null, afterVersion: null, cells: p.cells, errors: p.errors })
  }
  journal.push(...duplicateJournal(importId, planned))
  const sealedJournal = await sealJournal(env, journal)
  // Audit and journal rows set-based, in the batch's transaction (queued on its connection).
  await Promise.all([createdAudit(exec), createdJournal(exec), recordAuditBatch(exec, ctx, audits), repo.insertJournalSet(exec, sealedJournal)])
}

const serializable = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))

/** A customer keeps one primary contact: an imported one becomes primary only where there is none yet. */
async function primaries(env: RecordEnv, creates: Planned[]) {
  const wanted = creates.filter((p) => p.record.isPrimary === true)
  if (wanted.length === 0) return
  const taken = new Set(await repo.customersWithPrimary(env.exec, [...new Set(wanted.map((p) => p.record.customerId as string))]))
  for (const p of wanted) {
    const c = p.record.customerId as string
    if (taken.has(c)) p.record.isPrimary = false
    else taken.add(c)
  }
}
