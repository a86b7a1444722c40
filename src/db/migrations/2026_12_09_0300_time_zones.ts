import { statementMigration } from '../migration-statements'

/**
 * Each user's own time zone (null: the company's), in which the web app shows times and counts his
 * "today". The company's zone, unset, now defaults to the server's instead of a hard-coded
 * Asia/Shanghai: an install already in use (it has users) whose profile names no zone, and whose
 * support business hours name none either, is pinned to Asia/Shanghai, so its reports keep
 * counting the days they counted before the upgrade.
 */
const upStatements = [
  'ALTER TABLE users ADD COLUMN time_zone text CHECK (length(time_zone) <= 64)',
  `INSERT INTO settings (key, value)
   SELECT 'company_profile', '{"timeZone":"Asia/Shanghai"}'::jsonb
   WHERE EXISTS (SELECT 1 FROM users)
     AND NOT EXISTS (SELECT 1 FROM settings WHERE key = 'ticket_sla' AND value->'businessHours'->>'timeZone' IS NOT NULL)
   ON CONFLICT (key) DO UPDATE SET value = settings.value || '{"timeZone":"Asia/Shanghai"}'::jsonb
     WHERE settings.value->>'timeZone' IS NULL`,
]

const downStatements = ['ALTER TABLE users DROP COLUMN time_zone']

export const { up, down } = statementMigration(upStatements, downStatements)
