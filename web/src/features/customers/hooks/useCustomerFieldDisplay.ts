import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../auth/hooks/useAuth'
import { useUserNames } from '../../users/hooks/useUserNames'
import { formatValue, labelFrom, type FieldDisplay } from '../../../lib/fieldDisplay'
import { formatPhone } from '../../../lib/phone'

/** Customer field names and values for people: history, conflicts, audit log. */
export function useCustomerFieldDisplay(): FieldDisplay {
  const { t, i18n } = useTranslation()
  const { defaultRegion } = useAuth()
  const userNames = useUserNames()
  return useMemo(() => {
    const plain = (v: unknown) => formatValue(v, t, i18n.language)
    return {
      label: labelFrom(t, (k) => i18n.exists(k), 'customers.fields'),
      value: (field: string, v: unknown) => {
        if (v === null || v === undefined || v === '') return plain(v)
        if (field === 'status') return t(`customers.status.${String(v)}`)
        if (field === 'type') return t(`customers.type.${String(v)}`)
        if (field === 'phone' && typeof v === 'string') return formatPhone(v, defaultRegion)
        if (field === 'ownerId' && typeof v === 'string') return userNames.get(v) ?? v
        if ((field === 'mergedFrom' || field === 'mergedInto') && typeof v === 'object' && 'name' in v) return String(v.name)
        if (field === 'moved' && typeof v === 'object') {
          const counts = Object.entries(v as Record<string, unknown>).map(([k, n]) => `${i18n.exists(`customers.moved.${k}`) ? t(`customers.moved.${k}`) : k} ${plain(n)}`)
          return counts.length ? counts.join(', ') : plain(null)
        }
        return plain(v)
      },
    }
  }, [t, i18n, defaultRegion, userNames])
}
