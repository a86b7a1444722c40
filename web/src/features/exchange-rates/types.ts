import type { ExchangeRate, ExchangeRateCreate, ExchangeRateImportResult, ExchangeRateUpdate } from '@server/modules/exchange-rates/exchange-rates.schema'

export type { ExchangeRate, ExchangeRateCreate, ExchangeRateImportResult, ExchangeRateUpdate }
export interface ExchangeRateList {
  base: string
  items: ExchangeRate[]
}

export const rateKeys = { all: ['exchange-rates'] as const }
