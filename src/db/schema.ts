import type { AuditLogTable } from '../modules/audit/audit.table'
import type { UsersTable } from '../modules/users/users.table'
import type { TeamsTable } from '../modules/teams/teams.table'
import type { SessionsTable, LoginAttemptsTable } from '../modules/auth/auth.table'
import type { ApiTokensTable } from '../modules/api-tokens/api-tokens.table'
import type { CustomersTable } from '../modules/customers/customers.table'
import type { ContactsTable } from '../modules/contacts/contacts.table'
import type { PipelineStagesTable } from '../modules/pipeline-stages/pipeline-stages.table'
import type { OpportunitiesTable, OpportunityLinesTable } from '../modules/opportunities/opportunities.table'
import type { LeadsTable } from '../modules/leads/leads.table'
import type { ActivitiesTable } from '../modules/activities/activities.table'
import type { SettingsTable } from './settings.table'

/** The whole database as Kysely sees it; each module owns its table types. */
export interface DB {
  settings: SettingsTable
  teams: TeamsTable
  users: UsersTable
  sessions: SessionsTable
  loginAttempts: LoginAttemptsTable
  apiTokens: ApiTokensTable
  auditLog: AuditLogTable
  customers: CustomersTable
  contacts: ContactsTable
  pipelineStages: PipelineStagesTable
  opportunities: OpportunitiesTable
  opportunityLines: OpportunityLinesTable
  leads: LeadsTable
  activities: ActivitiesTable
}
