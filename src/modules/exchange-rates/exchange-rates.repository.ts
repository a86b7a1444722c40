import { sql, type Insertable, type Updateable } from 'kysely'
import type { Executor } from '../../db/database'
import type { ExchangeRatesTable } from './exchange-rates.table'

const columns = ['id', 'base', 'currency', 'rate', 'effectiveDate', 'createdAt', 'updatedAt', 'createdBy', 'version'] as const

/**
 * The rates into `base`, newest first per currency, each with the day before its successor
 * takes over (`until`): what the settings page lists.
 */
export const listRates = (db: Executor, base: string, currency?: string) => {
  let q = db
    .selectFrom('exchangeRates')
    .select(columns)
    .select(sql<string | null>`(lag(effective_date) OVER (PARTITION BY currency ORDER BY effective_date DESC) - 1)::text`.as('until'))
    .where('base', '=', base)
  if (currency) q = q.where('currency', '=', currency)
  return q.orderBy('currency').orderBy('effectiveDate', 'desc').limit(5000).execute()
}

export const findRate = (db: Executor, id: string) => db.selectFrom('exchangeRates').select(columns).where('id', '=', id).forUpdate().executeTakeFirst()

export const findRateOn = (db: Executor, base: string, currency: string, effectiveDate: string) =>
  db.selectFrom('exchangeRates').select(columns).where('base', '=', base).where('currency', '=', currency).where('effectiveDate', '=', effectiveDate).forUpdate().executeTakeFirst()

export const insertRate = (db: Executor, row: Insertable<ExchangeRatesTable>) => db.insertInto('exchangeRates').values(row).returning(columns).executeTakeFirstOrThrow()

export const updateRate = (db: Executor, id: string, patch: Updateable<ExchangeRatesTable>) =>
  db.updateTable('exchangeRates').set({ ...patch, updatedAt: sql`now()`, version: sql`version + 1` }).where('id', '=', id).returning(columns).executeTakeFirstOrThrow()

export const deleteRate = (db: Executor, id: string) => db.deleteFrom('exchangeRates').where('id', '=', id).execute()

/** One rate's `until`: the day before the next rate of its currency, or null. */
export const nextRateDate = async (db: Executor, base: string, currency: string, after: string) =>
  (
    await db
      .selectFrom('exchangeRates')
      .select(sql<string>`(effective_date - 1)::text`.as('until'))
      .where('base', '=', base).where('currency', '=', currency).where('effectiveDate', '>', after)
      .orderBy('effectiveDate').limit(1).executeTakeFirst()
  )?.until ?? null

export type RateRow = Awaited<ReturnType<typeof insertRate>>
