import { z } from 'zod'
import { id, timestamp, version } from '../../lib/schema'
import { REPORT_CATALOG, type ReportCatalogName } from './reports.catalog'

export type ReportName = ReportCatalogName
export const REPORT_NAMES = Object.keys(REPORT_CATALOG) as [ReportName, ...ReportName[]]

export const GROUP_BYS = ['stage', 'owner', 'team', 'product', 'source', 'campaign', 'month', 'customer', 'type', 'channel', 'priority', 'category'] as const
export type GroupBy = (typeof GROUP_BYS)[number]

const day = z.iso.date()
const currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as CNY')

export const reportParamsSchema = z
  .strictObject({
    from: day.optional(),
    to: day.optional(),
    /** all: from the first record the report reads to the last (or today), instead of from/to. */
    range: z.enum(['all']).optional(),
    ownerId: id.optional(),
    teamId: id.optional(),
    groupBy: z.enum(GROUP_BYS).optional(),
    /** Money is summed in one currency at a time; deals in others are counted apart. */
    currency: currency.optional().describe("default: the company's currency (settings/company)"),
    /** at-risk: days without an activity or order. */
    days: z.coerce.number().int().min(1).max(3650).default(90),
    lang: z.enum(['zh-CN', 'en']).optional(),
    /** Months and days are counted in this IANA zone; default the company's (settings/company). */
    tz: z.string().max(64).optional().describe("IANA time zone months and days are counted in; default the company's (settings/company)"),
    /** rfm: one customer's segment (the customer page). */
    customerId: id.optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { path: ['to'], message: 'Must not be before from' })
  .refine((p) => !p.range || (!p.from && !p.to), { path: ['range'], message: 'Either range=all or from/to, not both' })
export type ReportParams = z.infer<typeof reportParamsSchema>

export const reportNameParams = z.strictObject({ name: z.enum(REPORT_NAMES) })

export const COLUMN_TYPES = ['text', 'number', 'money', 'percent', 'days', 'date', 'month'] as const
export const reportColumnSchema = z.object({ key: z.string(), label: z.string(), type: z.enum(COLUMN_TYPES) })
export type ReportColumn = z.infer<typeof reportColumnSchema>

/** Per-currency amounts: a money cell whose amounts could not all be converted into the report currency. */
export const moneyPartsSchema = z
  .array(z.object({ currency, amount: z.string() }))
  .describe('amounts per currency, shown instead of a total when some had no exchange rate (the report currency first)')
const cell = z.union([z.string(), z.number(), z.null(), moneyPartsSchema])
/** Where a row leads: the list it summarises, as the list endpoint's filters. */
export const drillSchema = z.object({ resource: z.enum(['opportunities', 'leads', 'customers', 'tickets', 'campaigns']), filters: z.record(z.string(), z.string()) })

export const reportResultSchema = z.object({
  name: z.enum(REPORT_NAMES),
  title: z.string(),
  from: day,
  to: day,
  currency: currency.describe('the currency every money column is in (its label says so too)'),
  tz: z.string().describe('the IANA time zone months and days were counted in'),
  otherCurrencyRecords: z.number().int().nullable().describe('money reports: records left out of the sums because their currency had no exchange rate (a note says so); null: no money in this report'),
  conversion: z
    .object({
      from: day.nullable().describe('the oldest exchange-rate date used'),
      to: day.nullable().describe('the newest exchange-rate date used'),
      basis: z.array(z.enum(['closed', 'created', 'today', 'ordered'])).describe("which day's rate values each amount: close date, creation date, today (open deals), order date"),
      unconverted: z.array(currency).describe('currencies with amounts that had no rate on their day: cells with them show per-currency amounts'),
    })
    .nullable()
    .describe('money reports: how amounts in other currencies were converted into `currency`; null: no money in this report'),
  columns: z.array(reportColumnSchema),
  rows: z.array(z.record(z.string(), z.union([cell, drillSchema]))),
  totals: z.record(z.string(), cell),
  /** What the numbers leave out or how they were counted, in the caller's language. */
  notes: z.array(z.string()),
})
export type ReportResult = z.infer<typeof reportResultSchema>
export type ReportRow = ReportResult['rows'][number]

export const salesTargetSchema = z
  .object({ id, month: day, ownerId: id.nullable(), teamId: id.nullable(), amount: z.string(), currency, createdAt: timestamp, updatedAt: timestamp, version })
  .meta({ id: 'SalesTarget' })
export type SalesTarget = z.infer<typeof salesTargetSchema>

const money = z.string().trim().regex(/^\d{1,16}(\.\d{1,2})?$/, 'A non-negative amount with at most 2 decimals')
export const salesTargetPutSchema = z
  .strictObject({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'A month such as 2026-11'),
    ownerId: id.nullable().default(null),
    teamId: id.nullable().default(null),
    amount: money,
    currency,
    /** The version last seen when changing an existing target; a stale one is refused with 409. */
    version: version.optional(),
  })
  .refine((t) => !(t.ownerId && t.teamId), { path: ['teamId'], message: 'A target is for a person or a team, not both' })
export type SalesTargetPut = z.infer<typeof salesTargetPutSchema>
export const salesTargetListQuery = z.strictObject({ from: z.string().regex(/^\d{4}-\d{2}$/).optional(), to: z.string().regex(/^\d{4}-\d{2}$/).optional() })
