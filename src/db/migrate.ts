import { Migrator, type Migration, type MigrationResultSet } from 'kysely'
import type { Db } from './database'
import * as foundation from './migrations/2026_11_25_1200_foundation'
import * as trigramOperatorCost from './migrations/2026_11_25_1300_trigram_operator_cost'
import * as pipeline from './migrations/2026_11_25_1400_pipeline'
import * as leadsActivities from './migrations/2026_11_25_1410_leads_activities'
import * as productsQuotesOrders from './migrations/2026_11_25_1500_products_quotes_orders'
import * as tickets from './migrations/2026_11_25_1600_tickets'
import * as marketing from './migrations/2026_11_25_1700_marketing'
import * as imports from './migrations/2026_11_25_1800_imports'
import * as reports from './migrations/2026_11_25_1900_reports'
import * as reportRollups from './migrations/2026_11_25_2000_report_rollups'
import * as slaPause from './migrations/2026_12_06_0100_sla_pause'
import * as touchesWithoutKey from './migrations/2026_12_06_0200_touches_without_key'
import * as campaignKeys from './migrations/2026_12_06_0300_campaign_keys'
import * as expressionStatistics from './migrations/2026_12_06_0400_expression_statistics'
import * as touchesOfEveryKind from './migrations/2026_12_07_0100_touches_of_every_kind'
import * as importDuplicates from './migrations/2026_12_07_2100_import_duplicates'
import * as importRowWarnings from './migrations/2026_12_07_2100_import_row_warnings'
import * as importVcard from './migrations/2026_12_07_2100_import_vcard'
import * as importUpsertCounts from './migrations/2026_12_07_2110_import_upsert_counts'
import * as importBlankDates from './migrations/2026_12_07_2120_import_blank_dates'
import * as documentsFollowDeals from './migrations/2026_12_08_0110_documents_follow_deals'
import * as ticketRequesterVerified from './migrations/2026_12_08_0110_ticket_requester_verified'
import * as sessionsSecurity from './migrations/2026_12_08_0120_sessions_security'
import * as twoFactor from './migrations/2026_12_08_0130_two_factor'
import * as jobOwners from './migrations/2026_12_08_0150_job_owners'
import * as auditChain from './migrations/2026_12_08_0200_audit_chain'
import * as privacyErasure from './migrations/2026_12_08_0220_privacy_erasure'
import * as encryptionKeys from './migrations/2026_12_08_0230_encryption_keys'
import * as auditRedactions from './migrations/2026_12_08_0240_audit_redactions'
import * as cjkSearch from './migrations/2026_12_09_0300_cjk_search'
import * as exchangeRates from './migrations/2026_12_09_0300_exchange_rates'
import * as importDrafts from './migrations/2026_12_09_0300_import_drafts'
import * as lostReasons from './migrations/2026_12_09_0310_lost_reasons'
import * as piiBlindIndexes from './migrations/2026_12_09_0300_pii_blind_indexes'
import * as tasksWithoutDueDate from './migrations/2026_12_09_0300_tasks_without_due_date'
import * as ticketMail from './migrations/2026_12_09_0300_ticket_mail'
import * as timeZones from './migrations/2026_12_09_0300_time_zones'

// Listed explicitly, in order, so migrations work the same under tsx, vitest and a bundler.
// Never edit a landed migration: add a new file and a new line here.
const migrations: Record<string, Migration> = {
  '2026_11_25_1200_foundation': foundation,
  '2026_11_25_1300_trigram_operator_cost': trigramOperatorCost,
  '2026_11_25_1400_pipeline': pipeline,
  '2026_11_25_1410_leads_activities': leadsActivities,
  '2026_11_25_1500_products_quotes_orders': productsQuotesOrders,
  '2026_11_25_1600_tickets': tickets,
  '2026_11_25_1700_marketing': marketing,
  '2026_11_25_1800_imports': imports,
  '2026_11_25_1900_reports': reports,
  '2026_11_25_2000_report_rollups': reportRollups,
  '2026_12_06_0100_sla_pause': slaPause,
  '2026_12_06_0200_touches_without_key': touchesWithoutKey,
  '2026_12_06_0300_campaign_keys': campaignKeys,
  '2026_12_06_0400_expression_statistics': expressionStatistics,
  '2026_12_07_0100_touches_of_every_kind': touchesOfEveryKind,
  '2026_12_07_2100_import_duplicates': importDuplicates,
  '2026_12_07_2100_import_row_warnings': importRowWarnings,
  '2026_12_07_2100_import_vcard': importVcard,
  '2026_12_07_2110_import_upsert_counts': importUpsertCounts,
  '2026_12_07_2120_import_blank_dates': importBlankDates,
  '2026_12_08_0110_documents_follow_deals': documentsFollowDeals,
  '2026_12_08_0110_ticket_requester_verified': ticketRequesterVerified,
  '2026_12_08_0120_sessions_security': sessionsSecurity,
  '2026_12_08_0130_two_factor': twoFactor,
  '2026_12_08_0150_job_owners': jobOwners,
  '2026_12_08_0200_audit_chain': auditChain,
  '2026_12_08_0220_privacy_erasure': privacyErasure,
  '2026_12_08_0230_encryption_keys': encryptionKeys,
  '2026_12_08_0240_audit_redactions': auditRedactions,
  '2026_12_09_0300_cjk_search': cjkSearch,
  '2026_12_09_0300_exchange_rates': exchangeRates,
  '2026_12_09_0300_import_drafts': importDrafts,
  '2026_12_09_0300_pii_blind_indexes': piiBlindIndexes,
  '2026_12_09_0300_tasks_without_due_date': tasksWithoutDueDate,
  '2026_12_09_0300_ticket_mail': ticketMail,
  '2026_12_09_0300_time_zones': timeZones,
  '2026_12_09_0310_lost_reasons': lostReasons,
}

function migrator(db: Db): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'kith_migrations',
    migrationLockTableName: 'kith_migrations_lock',
    // Parallel branches land migrations out of name order (0130 after 0230): a database that already ran the later one still takes the earlier.
    allowUnorderedMigrations: true,
  })
}

function check({ error, results }: MigrationResultSet): string[] {
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error })
  }
  return (results ?? []).map((r) => `${r.direction} ${r.migrationName}`)
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  return check(await migrator(db).migrateToLatest())
}

export async function migrateDown(db: Db): Promise<string[]> {
  return check(await migrator(db).migrateDown())
}

/** Up or down to the state right after `name` (tests of one upgrade step among later ones). */
export async function migrateTo(db: Db, name: string): Promise<string[]> {
  return check(await migrator(db).migrateTo(name))
}

/** Every migration this Kith knows, oldest first: a backup naming another comes from a newer Kith. */
export const knownMigrations = (): string[] => Object.keys(migrations)
