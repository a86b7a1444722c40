import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatValue, labelFrom, type FieldDisplay } from '../../../lib/fieldDisplay'
import { formatDay } from '../../../lib/format'
import { formatMoney } from '../../../lib/money'

interface LineLike {
  description?: string
  quantity?: string
  unitPrice?: string
  discountPercent?: string
  taxRate?: string
}

/** Quote field names and values for people (the conflict dialog compares lines as short text). */
export function useQuoteFieldDisplay(currency: string): FieldDisplay {
  const { t, i18n } = useTranslation()
  return useMemo(
    () => ({
      label: labelFrom(t, (k) => i18n.exists(k), 'quotes.fields'),
      value: (field: string, v: unknown) => {
        if (field === 'validUntil' && typeof v === 'string') return formatDay(v)
        if (field === 'lines' && Array.isArray(v)) {
          return (v as LineLike[])
            .map((l) => `${l.description ?? ''} × ${l.quantity ?? ''} @ ${formatMoney(l.unitPrice, currency)}${l.discountPercent && Number(l.discountPercent) ? ` −${l.discountPercent}%` : ''}`)
            .join('; ')
        }
        return formatValue(v, t, i18n.language)
      },
    }),
    [t, i18n, currency],
  )
}
