import { api } from '../../lib/api'
import type { BackupFile, BackupSettings, BackupSettingsInput } from './types'

export const backupsApi = {
  settings: (signal?: AbortSignal) => api.get<BackupSettings>('/settings/backups', undefined, signal),
  save: (body: BackupSettingsInput) => api.put<BackupSettings>('/settings/backups', body),
  files: (signal?: AbortSignal) => api.get<{ items: BackupFile[] }>('/backups', undefined, signal),
}
