import type { z } from 'zod'
import type { backupFileSchema, backupSettingsSchema, backupSettingsUpdateSchema } from '@server/modules/backups/backups.schema'

export type BackupSettings = z.infer<typeof backupSettingsSchema>
export type BackupSettingsInput = z.input<typeof backupSettingsUpdateSchema>
export type BackupFile = z.infer<typeof backupFileSchema>

export const backupKeys = { settings: ['backups', 'settings'] as const, files: ['backups', 'files'] as const }
