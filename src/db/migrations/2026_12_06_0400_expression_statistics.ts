import { statementMigration } from '../migration-statements'

/**
 * Statistics on the lower-cased keys that imports and references look up many at a time
 * (`lower(email) = ANY($1)` with a batch's 5,000 keys). Their indexes are partial (live rows),
 * and the planner takes no statistics from a partial index, so it guessed 0.5% of the table a key
 * and, past 200 keys, the whole table: it scanned 500,000 customers in id order (300 ms) instead
 * of probing the index (5 ms).
 */
const targets = [
  ['customers_email_lower_stats', 'customers', 'lower(email)'],
  ['customers_name_lower_stats', 'customers', 'lower(name)'],
  ['contacts_email_lower_stats', 'contacts', 'lower(email)'],
  ['leads_email_lower_stats', 'leads', 'lower(email)'],
  ['products_sku_lower_stats', 'products', 'lower(sku)'],
] as const

export const { up, down } = statementMigration(
  targets.map(([name, table, expression]) => `CREATE STATISTICS ${name} ON (${expression}) FROM ${table}`),
  targets.map(([name]) => `DROP STATISTICS ${name}`),
)
