import type { Executor } from './database'

/**
 * How many live rows of `table` hang off each of these customers (customer_id index): shown beside
 * duplicate candidates so same-named customers can be told apart. Customers without any are absent.
 */
export async function countByCustomer(db: Executor, table: 'contacts' | 'opportunities', customerIds: string[]): Promise<Map<string, number>> {
  if (customerIds.length === 0) return new Map()
  const rows = await db
    .selectFrom(table)
    .select(['customerId', (eb) => eb.fn.countAll<string>().as('n')])
    .where('customerId', 'in', customerIds)
    .where('deletedAt', 'is', null)
    .groupBy('customerId')
    .execute()
  return new Map(rows.map((r) => [r.customerId, Number(r.n)]))
}
