import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { ratesApi } from '../api'
import { rateKeys, type ExchangeRateCreate, type ExchangeRateUpdate } from '../types'

/** The rates into the company currency, newest first per currency. */
export function useExchangeRates() {
  return useQuery({ queryKey: rateKeys.all, queryFn: ({ signal }) => ratesApi.list(signal) })
}

/** Add, change, delete or import rates; reports read them, so cached reports go stale too. */
export function useRateMutations() {
  const queryClient = useQueryClient()
  const onSettled = () => {
    void queryClient.invalidateQueries({ queryKey: rateKeys.all })
    void queryClient.invalidateQueries({ queryKey: ['reports'] })
  }
  return {
    create: useMutation({ mutationFn: (body: ExchangeRateCreate) => ratesApi.create(body), onSettled }),
    update: useMutation({ mutationFn: ({ id, patch }: { id: string; patch: ExchangeRateUpdate }) => ratesApi.update(id, patch), onSettled }),
    remove: useMutation({ mutationFn: ({ id, version }: { id: string; version: number }) => ratesApi.remove(id, version), onSettled }),
    importCsv: useMutation({ mutationFn: (csv: string) => ratesApi.importCsv(csv), onSettled }),
  }
}
