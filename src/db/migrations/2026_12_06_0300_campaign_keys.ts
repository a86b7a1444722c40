import { statementMigration } from '../migration-statements'

/**
 * Leads and opportunities name their campaign by id, and until now nothing checked it (1700 left the
 * key for when the services check the campaign exists: they do now). NOT VALID: the key holds for
 * every row written from now on without refusing to start an installation that already stored an
 * id of no campaign; such a lead just counts for no campaign in the reports, as it did.
 */
const upStatements = [
  `ALTER TABLE leads ADD CONSTRAINT leads_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES campaigns(id) ON DELETE SET NULL NOT VALID`,
  `ALTER TABLE opportunities ADD CONSTRAINT opportunities_campaign_id_fkey FOREIGN KEY (campaign_id) REFERENCES campaigns(id) ON DELETE SET NULL NOT VALID`,
]

const downStatements = [
  'ALTER TABLE opportunities DROP CONSTRAINT opportunities_campaign_id_fkey',
  'ALTER TABLE leads DROP CONSTRAINT leads_campaign_id_fkey',
]

export const { up, down } = statementMigration(upStatements, downStatements)
