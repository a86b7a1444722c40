import type { Db } from '../../db/database'
import { AppError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import { scopeFor } from '../../server/permissions'
import { reports } from './reports.registry'
import { allowsAllTime, MAX_RANGE_YEARS, rangeTooLong, REPORT_CATALOG } from './reports.catalog'
import { allTime } from './reports.extent'
import { label, type Lang } from './reports.labels'
import { newFxState, type FxState } from './report'
import { companyLocale } from '../company/company.service'
import { recordAudit } from '../audit/audit.service'
import { isTimeZone } from '../../lib/schema'
import type { ReportName, ReportParams, ReportResult } from './reports.schema'

const DAY = 86400_000
const isoDay = (d: Date) => d.toISOString().slice(0, 10)

const monthStartOf = (d: Date, add: number) => isoDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1)))

/** Today's date where the report counts days, as midnight UTC of that date (for the calendar arithmetic below). */
const todayIn = (tz: string) => new Date(`${new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())}T00:00:00Z`)

/** Unless given: the last twelve months, or for reports about deals still to close this month and the next eleven. */
function defaultPeriod(q: { from?: string; to?: string }, ahead: boolean, tz: string) {
  const now = todayIn(tz)
  if (ahead) return { from: q.from ?? monthStartOf(now, 0), to: q.to ?? isoDay(new Date(Date.parse(monthStartOf(now, 12)) - DAY)) }
  return { from: q.from ?? monthStartOf(now, -11), to: q.to ?? isoDay(now) }
}

/**
 * Reports are a read model over the sales, customer, service and marketing tables (the one place,
 * with the customer timeline, where a module reads tables it does not own): aggregates in SQL,
 * filtered by the caller's visibility like every list.
 */
export function createReportService({ db }: { db: Db }) {
  return {
    async run(ctx: RequestContext, name: ReportName, query: ReportParams, acceptLanguage?: string): Promise<ReportResult> {
      const report = reports[name]
      if (!report) throw new AppError('NOT_FOUND', `No report named ${name}`)
      const { roles, groupBys } = REPORT_CATALOG[name] as { roles: readonly string[]; groupBys: readonly string[] }
      if (!roles.includes(ctx.actor.role)) throw new AppError('FORBIDDEN', 'Your role cannot see this report')
      if (query.groupBy && !groupBys.includes(query.groupBy)) {
        throw new AppError('VALIDATION_FAILED', 'groupBy: not offered by this report', {
          errors: [{ path: 'groupBy', message: `One of: ${groupBys.join(', ') || '(none)'}` }],
        })
      }
      const company = await companyLocale(db)
      const tz = query.tz ?? company.timeZone
      const currency = query.currency ?? company.currency
      if (!isTimeZone(tz)) throw new AppError('VALIDATION_FAILED', 'tz: unknown time zone', { errors: [{ path: 'tz', message: 'An IANA time zone such as Asia/Shanghai' }] })
      if (query.range === 'all' && !allowsAllTime(name, query.groupBy)) {
        const message = `All time is not offered for this report grouped by ${query.groupBy ?? groupBys[0]}: choose a period of at most ${MAX_RANGE_YEARS} years`
        throw new AppError('VALIDATION_FAILED', `range: ${message}`, { errors: [{ path: 'range', message }] })
      }
      const { from, to } = query.range === 'all' ? await allTime(db, name, tz) : defaultPeriod(query, 'ahead' in REPORT_CATALOG[name], tz)
      if (query.range !== 'all' && rangeTooLong(from, to)) {
        const message = `A period of at most ${MAX_RANGE_YEARS} years, or range=all for all time`
        throw new AppError('VALIDATION_FAILED', `to: ${message}`, { errors: [{ path: 'to', message }] })
      }
      // A rep's reports are about his own deals unless he asks for his team's; a manager's about his team.
      const params = { ...query, from, to, tz, currency }
      // Only over records sales owns: tickets are worked by support, campaigns run by marketing.
      const salesOwned = REPORT_CATALOG[name].area === 'sales' || REPORT_CATALOG[name].area === 'customers'
      if (salesOwned && !params.ownerId && !params.teamId) {
        if (ctx.actor.role === 'sales') params.ownerId = ctx.actor.userId
        else if (ctx.actor.role === 'manager' && ctx.actor.teamId) params.teamId = ctx.actor.teamId
      }
      const lang: Lang = query.lang ?? (acceptLanguage?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en')
      const fx = newFxState(currency)
      const out = await report.run({ db, params, scope: scopeFor(ctx.actor, 'read'), lang, fx })
      const money = out.columns.some((c) => c.type === 'money')
      const other = out.otherCurrency
      const notes = [...(out.notes ?? []), ...fxNotes(fx, lang)]
      if (other?.n) notes.push(label(lang, 'note.currencyLeftOut', { currency, n: other.n }))
      // The currency in each money column's label, so a downloaded CSV or sheet says it too.
      const columns = out.columns.map((c) => (c.type === 'money' ? { ...c, label: `${c.label} (${currency})` } : c))
      // A download (csv/xlsx) is a bulk read that leaves the system: on record, with what was asked and how many rows left.
      if (query.format && query.format !== 'json') {
        await recordAudit(db, ctx, [{ action: 'export', entity: 'report', entityId: null, changes: { report: name, format: query.format, filters: { ...query, from, to }, rows: out.rows.length } }])
      }
      return {
        name, title: label(lang, `title.${name}`), from, to, currency, tz, otherCurrencyRecords: money ? (other?.n ?? 0) : null,
        conversion: money ? { from: fx.from, to: fx.to, basis: [...fx.bases], unconverted: [...fx.missing].sort() } : null,
        notes, columns, rows: out.rows, totals: out.totals,
      }
    },
  }
}

/** "Converted to CNY at rates of 2026-12-01 (each deal at the rate of its close date)", and which currencies had no rate. */
function fxNotes(fx: FxState, lang: Lang): string[] {
  const notes: string[] = []
  if (fx.from && fx.to) {
    const dates = fx.from === fx.to ? fx.from : label(lang, 'note.fxDates', { from: fx.from, to: fx.to })
    const basis = [...fx.bases].map((b) => label(lang, `fx.${b}`)).join(lang === 'zh-CN' ? '；' : '; ')
    notes.push(label(lang, 'note.fxConverted', { dates, basis, currency: fx.target, currencyName: currencyName(fx.target, lang) }))
  }
  if (fx.missing.size) notes.push(label(lang, 'note.fxMissing', { currencies: [...fx.missing].sort().join(lang === 'zh-CN' ? '、' : ', ') }))
  return notes
}

const currencyName = (code: string, lang: Lang) => {
  try {
    return new Intl.DisplayNames([lang], { type: 'currency' }).of(code) ?? code
  } catch {
    return code
  }
}

export type ReportService = ReturnType<typeof createReportService>
