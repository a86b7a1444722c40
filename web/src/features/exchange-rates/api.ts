import { api } from '../../lib/api'
import type { ExchangeRate, ExchangeRateCreate, ExchangeRateImportResult, ExchangeRateList, ExchangeRateUpdate } from './types'

const path = '/settings/exchange-rates'

export const ratesApi = {
  list: (signal?: AbortSignal) => api.get<ExchangeRateList>(path, undefined, signal),
  create: (body: ExchangeRateCreate) => api.post<ExchangeRate>(path, body),
  update: (id: string, body: ExchangeRateUpdate) => api.patch<ExchangeRate>(`${path}/${id}`, body),
  remove: (id: string, version: number) => api.delete(`${path}/${id}?version=${version}`),
  importCsv: (csv: string) => api.post<ExchangeRateImportResult>(`${path}/import`, { csv }),
}
