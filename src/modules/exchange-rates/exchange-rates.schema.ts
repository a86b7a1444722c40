import { z } from 'zod'
import { decimalString, currencySchema } from '../../lib/money'
import { id, recordMeta, version } from '../../lib/schema'

/** A rate has at most 10 decimals (numeric(20,10)) and is positive: 1 USD = 7.1234 CNY. */
export const rateInput = decimalString({ scale: 10, min: '0.0000000001', max: '9999999999' })

const day = z.iso.date('A date such as 2026-12-01')

export const exchangeRateSchema = z
  .object({
    ...recordMeta,
    base: z.string().describe('the company currency the rate converts into (ISO 4217)'),
    currency: z.string().describe('ISO 4217: one unit of it is worth `rate` units of `base`'),
    rate: z.string().describe('decimal string, up to 10 decimals'),
    effectiveDate: z.string().describe('applies from this date until the next rate of the currency'),
    until: z.string().nullable().describe('the day before the next rate of this currency takes over; null: still in force'),
  })
  .meta({ id: 'ExchangeRate' })
export type ExchangeRate = z.infer<typeof exchangeRateSchema>

export const exchangeRateCreateSchema = z
  .strictObject({ currency: currencySchema, rate: rateInput, effectiveDate: day })
  .meta({ id: 'ExchangeRateCreate' })
export type ExchangeRateCreate = z.infer<typeof exchangeRateCreateSchema>

export const exchangeRateUpdateSchema = z
  .strictObject({ version, currency: currencySchema.optional(), rate: rateInput.optional(), effectiveDate: day.optional() })
  .meta({ id: 'ExchangeRateUpdate' })
export type ExchangeRateUpdate = z.infer<typeof exchangeRateUpdateSchema>

export const exchangeRateListQuery = z.strictObject({ currency: currencySchema.optional() })
export const exchangeRateListSchema = z
  .object({ base: z.string().describe('the company currency'), items: z.array(exchangeRateSchema) })
  .meta({ id: 'ExchangeRateList' })

export const exchangeRateDeleteQuery = z.strictObject({ version: z.coerce.number().int().min(1).optional().describe('the version last seen; a stale one gets 409') })

/** At most this many lines in one CSV import. */
export const MAX_IMPORT_LINES = 10_000

export const exchangeRateImportSchema = z
  .strictObject({ csv: z.string().min(1, 'Required').max(1_000_000, 'At most 1 MB of CSV') })
  .meta({ id: 'ExchangeRateImport' })
export const exchangeRateImportResultSchema = z
  .object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() })
  .meta({ id: 'ExchangeRateImportResult' })
export type ExchangeRateImportResult = z.infer<typeof exchangeRateImportResultSchema>

export const exchangeRateIdParams = z.strictObject({ id })
