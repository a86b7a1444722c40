import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { BackupService } from './backups.service'
import { backupListSchema, backupSettingsSchema, backupSettingsUpdateSchema } from './backups.schema'

export function backupRoutes(app: App, { backups }: { backups: BackupService }) {
  const tags = ['settings']
  app.get('/settings/backups', {
    schema: { tags, summary: 'The scheduled backup setting and its last run (admin)', response: { 200: backupSettingsSchema } },
  }, (req) => backups.getSettings(ctxOf(req)))

  app.put('/settings/backups', {
    schema: { tags, summary: 'Change the scheduled backup setting (admin); stale version → 409', body: backupSettingsUpdateSchema, response: { 200: backupSettingsSchema } },
  }, (req) => backups.updateSettings(ctxOf(req), req.body))

  app.get('/backups', {
    schema: { tags, summary: 'Scheduled backup files in the backup directory, newest first (admin)', response: { 200: backupListSchema } },
  }, (req) => backups.list(ctxOf(req)))
}
