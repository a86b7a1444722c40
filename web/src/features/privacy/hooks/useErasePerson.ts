import { useMutation, useQueryClient } from '@tanstack/react-query'
import { privacyApi, type PrivacyKind } from '../api'

/** Erases a person; every cached list and record may have shown him, so all of them are fetched again. */
export function useErasePerson(kind: PrivacyKind) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (input: { id: string; version: number; confirm: string }) => privacyApi.erase(kind, input.id, { version: input.version, confirm: input.confirm }),
    onSuccess: () => void queryClient.invalidateQueries(),
  })
}
