import Big from 'big.js'
import { parse } from 'csv-parse/sync'
import type { Db, Executor } from '../../db/database'
import { changedFields } from '../../lib/diff'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError, fieldError, validationError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import { assertRole } from '../../server/permissions'
import { recordAudit, type AuditEvent } from '../audit/audit.service'
import { companyLocale } from '../company/company.service'
import * as repo from './exchange-rates.repository'
import {
  exchangeRateCreateSchema, MAX_IMPORT_LINES,
  type ExchangeRate, type ExchangeRateCreate, type ExchangeRateImportResult, type ExchangeRateUpdate,
} from './exchange-rates.schema'

/** A rate as stored (numeric(20,10): "7.1000000000") without its trailing zeros ("7.1"). */
const plain = (rate: string) => new Big(rate).toFixed()

const toRate = (r: repo.RateRow, until: string | null): ExchangeRate => ({
  ...r, base: r.base.trim(), currency: r.currency.trim(), rate: plain(r.rate), createdAt: iso(r.createdAt), updatedAt: iso(r.updatedAt), until,
})

const audited = (r: Pick<ExchangeRate, 'currency' | 'rate' | 'effectiveDate' | 'base'>) => ({ base: r.base, currency: r.currency, rate: r.rate, effectiveDate: r.effectiveDate })

/** The unique index (base, currency, effective_date) refused a second rate for a day. */
const takenDay = (err: unknown, currency: string) =>
  (err as { code?: string })?.code === '23505' ? fieldError('effectiveDate', `A rate of ${currency} for this date exists: edit that one`) : err

/**
 * Exchange rates into the company currency, kept by admins (Settings → Exchange rates): one per
 * currency and day, in force until the next one. Reports read them (src/db/fx.ts); everyone who
 * runs a report may see them.
 */
export function createExchangeRateService({ db }: { db: Db }) {
  const base = async (trx: Executor) => (await companyLocale(trx)).currency

  async function current(trx: Executor, id: string) {
    const row = await repo.findRate(trx, id)
    if (!row) throw new AppError('NOT_FOUND', 'No such exchange rate')
    return row
  }
  const withUntil = async (trx: Executor, r: repo.RateRow) => toRate(r, await repo.nextRateDate(trx, r.base, r.currency, r.effectiveDate))
  const notBase = (b: string, currency: string) => {
    if (currency === b) throw fieldError('currency', `Rates convert other currencies into the company currency ${b}`)
  }
  const write = async <T>(currency: string, fn: (trx: Executor) => Promise<T>) => {
    try {
      return await db.transaction().execute(fn)
    } catch (err) {
      throw takenDay(err, currency)
    }
  }

  return {
    async list(_ctx: RequestContext, q: { currency?: string }) {
      const b = await base(db)
      return { base: b, items: (await repo.listRates(db, b, q.currency)).map(({ until, ...r }) => toRate(r, until)) }
    },

    async create(ctx: RequestContext, input: ExchangeRateCreate): Promise<ExchangeRate> {
      assertRole(ctx.actor, 'admin')
      return write(input.currency, async (trx) => {
        const b = await base(trx)
        notBase(b, input.currency)
        if (await repo.findRateOn(trx, b, input.currency, input.effectiveDate)) throw takenDay({ code: '23505' }, input.currency)
        const row = await repo.insertRate(trx, { id: newId(), base: b, currency: input.currency, rate: input.rate, effectiveDate: input.effectiveDate, createdBy: ctx.actor.userId })
        const rate = await withUntil(trx, row)
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'exchange_rate', entityId: row.id, changes: changedFields({}, audited(rate)) }])
        return rate
      })
    },

    async update(ctx: RequestContext, id: string, input: ExchangeRateUpdate): Promise<ExchangeRate> {
      assertRole(ctx.actor, 'admin')
      return write(input.currency ?? 'this currency', async (trx) => {
        const row = await current(trx, id)
        const before = toRate(row, null)
        if (row.version !== input.version) throw new AppError('VERSION_CONFLICT', 'This rate was changed by someone else since you loaded it', { current: await withUntil(trx, row) })
        const { version: _v, ...patch } = input
        if (patch.currency) notBase(before.base, patch.currency)
        // Compare as numbers: "7.10" is the rate "7.1" already stored.
        if (patch.rate !== undefined && new Big(patch.rate).eq(before.rate)) delete patch.rate
        const changes = changedFields(audited(before), { ...audited(before), ...patch, ...(patch.rate ? { rate: plain(patch.rate) } : {}) })
        if (!Object.keys(changes).length) return withUntil(trx, row)
        const other = await repo.findRateOn(trx, before.base, patch.currency ?? before.currency, patch.effectiveDate ?? before.effectiveDate)
        if (other && other.id !== id) throw takenDay({ code: '23505' }, patch.currency ?? before.currency)
        const updated = await repo.updateRate(trx, id, patch)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'exchange_rate', entityId: id, changes }])
        return withUntil(trx, updated)
      })
    },

    async remove(ctx: RequestContext, id: string, version?: number): Promise<void> {
      assertRole(ctx.actor, 'admin')
      await db.transaction().execute(async (trx) => {
        const row = await current(trx, id)
        if (version !== undefined && row.version !== version) throw new AppError('VERSION_CONFLICT', 'This rate was changed by someone else since you loaded it', { current: await withUntil(trx, row) })
        await repo.deleteRate(trx, id)
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'exchange_rate', entityId: id, changes: Object.fromEntries(Object.entries(audited(toRate(row, null))).map(([k, v]) => [k, { before: v, after: null }])) }])
      })
    },

    /**
     * Lines of `date,currency,rate` (a header line is optional; `;` or tab also separate): each
     * adds a rate, or changes the rate already there for that currency and day. Every line is
     * checked first and every error reported (path `csv.<line>.<field>`); then all of them are
     * written in one transaction, or none.
     */
    async importCsv(ctx: RequestContext, text: string): Promise<ExchangeRateImportResult> {
      assertRole(ctx.actor, 'admin')
      const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? ''
      const delimiter = firstLine.includes('\t') ? '\t' : firstLine.includes(';') ? ';' : ','
      let records: string[][]
      try {
        records = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: true })
      } catch (err) {
        throw fieldError('csv', `Not readable as CSV: ${(err as Error).message}`)
      }
      const header = records[0]?.[0]?.toLowerCase()
      const first = header === 'date' || header === '日期' ? 1 : 0
      if (records.length - first === 0) throw fieldError('csv', 'No rates: expected lines of date,currency,rate')
      if (records.length - first > MAX_IMPORT_LINES) throw fieldError('csv', `At most ${MAX_IMPORT_LINES} lines at a time`)
      const errors: { path: string; message: string }[] = []
      const rows: ExchangeRateCreate[] = []
      const seen = new Map<string, number>()
      records.slice(first).forEach(([date, currency, rate], i) => {
        const line = i + first + 1
        const parsed = exchangeRateCreateSchema.safeParse({ effectiveDate: date ?? '', currency: currency ?? '', rate: rate ?? '' })
        if (!parsed.success) {
          for (const issue of parsed.error.issues) errors.push({ path: `csv.${line}.${String(issue.path[0] === 'effectiveDate' ? 'date' : issue.path[0])}`, message: issue.message })
          return
        }
        const key = `${parsed.data.currency} ${parsed.data.effectiveDate}`
        if (seen.has(key)) errors.push({ path: `csv.${line}.date`, message: `Repeats line ${seen.get(key)} (${key})` })
        seen.set(key, line)
        rows.push(parsed.data)
      })
      if (errors.length) throw validationError(errors)
      return db.transaction().execute(async (trx) => {
        const b = await base(trx)
        const wrong = rows.filter((r) => r.currency === b)
        if (wrong.length) throw fieldError('csv', `Rates convert other currencies into the company currency ${b}; a rate of ${b} itself is not needed`)
        const result = { created: 0, updated: 0, unchanged: 0 }
        const events: AuditEvent[] = []
        for (const r of rows) {
          const existing = await repo.findRateOn(trx, b, r.currency, r.effectiveDate)
          if (existing && new Big(existing.rate).eq(r.rate)) {
            result.unchanged++
          } else if (existing) {
            await repo.updateRate(trx, existing.id, { rate: r.rate })
            events.push({ action: 'update', entity: 'exchange_rate', entityId: existing.id, changes: { rate: { before: plain(existing.rate), after: plain(r.rate) } } })
            result.updated++
          } else {
            const row = await repo.insertRate(trx, { id: newId(), base: b, ...r, createdBy: ctx.actor.userId })
            events.push({ action: 'create', entity: 'exchange_rate', entityId: row.id, changes: changedFields({}, { base: b, currency: r.currency, rate: plain(r.rate), effectiveDate: r.effectiveDate }) })
            result.created++
          }
        }
        if (events.length) await recordAudit(trx, ctx, events)
        return result
      })
    },
  }
}

export type ExchangeRateService = ReturnType<typeof createExchangeRateService>
