import { z } from 'zod'
import { timestamp, version } from '../../lib/schema'

const settingsFields = {
  enabled: z.boolean(),
  hour: z.number().int().min(0).max(23).describe("hour of the day (company time zone) after which the day's backup runs"),
  directory: z
    .string()
    .trim()
    .min(1, 'Required')
    .max(500)
    .refine((d) => d.startsWith('/'), 'An absolute path on the server, such as /var/backups/kith')
    .refine((d) => !d.split('/').includes('..'), 'A path without ..'),
  keepCount: z.number().int().min(1).max(1000).describe('keep at most this many scheduled backups (the newest)'),
  keepDays: z.number().int().min(0).max(3650).describe('also delete scheduled backups older than this many days; 0 = by count only'),
}

export const backupSettingsSchema = z
  .strictObject({
    ...settingsFields,
    version: version.describe('changes with each save; send it back to save (409 if someone saved meanwhile)'),
    encrypted: z.boolean().describe('the server has KITH_BACKUP_PASSPHRASE, so scheduled backups are encrypted'),
    lastRunAt: timestamp.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'BackupSettings' })

export const backupSettingsUpdateSchema = z.strictObject({ ...settingsFields, version })

export const backupFileSchema = z.strictObject({ name: z.string(), bytes: z.number().int(), createdAt: timestamp }).meta({ id: 'BackupFile' })
export const backupListSchema = z.strictObject({ items: z.array(backupFileSchema) })

export type BackupSettings = z.infer<typeof backupSettingsSchema>
export type BackupSettingsUpdate = z.infer<typeof backupSettingsUpdateSchema>
export type BackupFile = z.infer<typeof backupFileSchema>
