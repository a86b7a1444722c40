import type { Generated } from 'kysely'

/** One unit of `currency` is worth `rate` units of `base` (the company currency), from `effectiveDate` until the next rate. */
export interface ExchangeRatesTable {
  id: string
  base: string
  currency: string
  /** numeric(20,10) as a decimal string */
  rate: string
  /** YYYY-MM-DD */
  effectiveDate: string
  createdAt: Generated<Date>
  updatedAt: Generated<Date>
  createdBy: string | null
  version: Generated<number>
}
