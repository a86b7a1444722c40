import { useQuery } from '@tanstack/react-query'
import { backupsApi } from '../api'
import { backupKeys } from '../types'

export function useBackupSettings() {
  return useQuery({ queryKey: backupKeys.settings, queryFn: ({ signal }) => backupsApi.settings(signal) })
}
