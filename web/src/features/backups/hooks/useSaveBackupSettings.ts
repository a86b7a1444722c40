import { useMutation, useQueryClient } from '@tanstack/react-query'
import { backupsApi } from '../api'
import { backupKeys } from '../types'

export function useSaveBackupSettings() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: backupsApi.save,
    onSuccess: (s) => {
      queryClient.setQueryData(backupKeys.settings, s)
      // Another directory lists other files.
      void queryClient.invalidateQueries({ queryKey: backupKeys.files })
    },
  })
}
