import type { Readable } from 'node:stream'
import type { Db } from '../../db/database'
import { recordAudit } from '../audit/audit.service'
import { validationError } from '../../server/errors'
import type { RequestContext } from '../../server/context'
import type { ContactService } from '../contacts/contacts.service'
import type { CustomerService } from '../customers/customers.service'
import type { LeadService } from '../leads/leads.service'
import type { OpportunityService } from '../opportunities/opportunities.service'
import type { StageService } from '../pipeline-stages/pipeline-stages.service'
import { contactColumns, customerColumns, leadColumns, opportunityColumns, pickColumns, type ExportColumn, type Lookup } from './exports.columns'
import { zoneClock } from './exports.format'
import type { ExportEntity, ExportFormat, ExportQuery } from './exports.schema'
import { csvStream, xlsxStream } from './exports.writers'

/** Rows per database round trip: large enough that the query cost vanishes, small enough to stream. */
export const EXPORT_PAGE = 2000

export interface ExportDeps {
  db: Db
  customers: CustomerService
  contacts: ContactService
  leads: LeadService
  opportunities: OpportunityService
  pipelineStages: StageService
}

type Page<R> = { items: R[]; nextCursor: string | null }
type Lister<Q, R> = (ctx: RequestContext, q: Q) => Promise<Page<R>>

/** The audit log's name for the records of each export. */
const AUDIT_ENTITY: Record<ExportEntity, string> = { customers: 'customer', contacts: 'contact', leads: 'lead', opportunities: 'opportunity' }

const titles: Record<ExportEntity, [string, string]> = {
  customers: ['Customers', '客户'],
  contacts: ['Contacts', '联系人'],
  leads: ['Leads', '销售线索'],
  opportunities: ['Opportunities', '销售机会'],
}

export interface ExportFile {
  filename: string
  contentType: string
  body: Readable
}

/**
 * Exports walk the list's own keyset pages (the module's list(): its filters, its permission
 * scope in SQL, its sort) a large page at a time, so an export shows exactly what the list
 * shows the caller and never holds more than a page. A search term exports every match in the
 * list's order rather than the relevance top-N.
 */
export function createExportService(deps: ExportDeps) {
  /**
   * Reads the first page before answering, so a bad filter or cursor is a 400, not a cut-off file.
   * Then the export is audited, before a byte leaves (a download cut off or a crash mid-stream is
   * still on record): who, which list, the filters, and the row count when one page holds it all.
   */
  async function pagesOf<Q extends { limit: number; cursor?: string }, R>(ctx: RequestContext, list: Lister<Q, R>, query: Omit<Q, 'limit' | 'cursor'>, audit: { entity: ExportEntity; format: ExportFormat; columns?: string[] }): Promise<AsyncIterable<R[]>> {
    const first = await list(ctx, { ...query, limit: EXPORT_PAGE } as Q)
    await recordAudit(deps.db, ctx, [{
      action: 'export', entity: AUDIT_ENTITY[audit.entity], entityId: null,
      changes: { format: audit.format, filters: query, columns: audit.columns ?? null, rows: first.nextCursor ? null : first.items.length },
    }])
    const fetch = (cursor: string | null) => {
      if (!cursor) return null
      const pending = list(ctx, { ...query, limit: EXPORT_PAGE, cursor } as Q)
      // A page still in flight when the download is abandoned must not become an unhandled rejection.
      pending.catch(() => {})
      return pending
    }
    return (async function* () {
      // The next page is asked for before this one is written out: the database works while the
      // rows are formatted, instead of each waiting for the other. At most two pages are held.
      let page = first
      let next = fetch(page.nextCursor)
      for (;;) {
        yield page.items
        if (!next) return
        page = await next
        next = fetch(page.nextCursor)
      }
    })()
  }

  async function build<R>(
    entity: ExportEntity,
    all: ExportColumn<R>[],
    params: { format: ExportFormat; columns?: string[]; lang?: 'en' | 'zh-CN'; tz?: string },
    pages: (audit: { entity: ExportEntity; format: ExportFormat; columns?: string[] }) => Promise<AsyncIterable<R[]>>,
    lookup: Omit<Lookup, 'lang'> = { stageName: (k) => k },
  ): Promise<ExportFile> {
    const unknown = (params.columns ?? []).filter((k) => !all.some((c) => c.key === k))
    if (unknown.length) throw validationError([{ path: 'columns', message: `Unknown column ${unknown.join(', ')}; one of ${all.map((c) => c.key).join(', ')}` }])
    const lang = params.lang ?? 'zh-CN'
    const clock = zoneClock(params.tz ?? 'UTC')
    const sheet = { columns: pickColumns(all, params.columns), lookup: { ...lookup, lang }, clock, title: titles[entity][lang === 'en' ? 0 : 1], pages: await pages({ entity, format: params.format, columns: params.columns }) }
    const day = new Date(clock.wall(new Date().toISOString())).toISOString().slice(0, 10)
    const filename = `${sheet.title}-${day}.${params.format}`
    return params.format === 'xlsx'
      ? { filename, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: xlsxStream(sheet) }
      : { filename, contentType: 'text/csv; charset=utf-8', body: csvStream(sheet) }
  }

  const split = <Q extends { format: ExportFormat; columns?: string[]; lang?: 'en' | 'zh-CN'; tz?: string }>(q: Q) => {
    const { format, columns, lang, tz, ...filters } = q
    return { params: { format, columns, lang, tz }, filters }
  }

  return {
    async customers(ctx: RequestContext, query: ExportQuery<'customers'>) {
      const { params, filters } = split(query)
      const sort = filters.sort ?? (filters.deleted ? '-deletedAt' : '-createdAt')
      return build('customers', customerColumns, params, (audit) => pagesOf(ctx, deps.customers.list, { ...filters, sort }, audit))
    },

    async contacts(ctx: RequestContext, query: ExportQuery<'contacts'>) {
      const { params, filters } = split(query)
      return build('contacts', contactColumns, params, (audit) => pagesOf(ctx, deps.contacts.list, filters, audit))
    },

    async leads(ctx: RequestContext, query: ExportQuery<'leads'>) {
      const { params, filters } = split(query)
      const sort = filters.sort ?? (filters.deleted ? '-deletedAt' : '-createdAt')
      return build('leads', leadColumns, params, (audit) => pagesOf(ctx, deps.leads.list, { ...filters, sort }, audit))
    },

    async opportunities(ctx: RequestContext, query: ExportQuery<'opportunities'>) {
      const { params, filters } = split(query)
      const stages = await deps.pipelineStages.all()
      const names = new Map(stages.map((s) => [s.key, params.lang === 'en' ? (s.nameEn ?? s.name) : s.name]))
      return build('opportunities', opportunityColumns, params, (audit) => pagesOf(ctx, deps.opportunities.list, filters, audit), {
        stageName: (k) => names.get(k) ?? k,
      })
    },
  }
}

export type ExportService = ReturnType<typeof createExportService>
