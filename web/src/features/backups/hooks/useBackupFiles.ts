import { useQuery } from '@tanstack/react-query'
import { backupsApi } from '../api'
import { backupKeys } from '../types'

/** The scheduled backups on the server, newest first. */
export function useBackupFiles() {
  return useQuery({ queryKey: backupKeys.files, queryFn: ({ signal }) => backupsApi.files(signal) })
}
