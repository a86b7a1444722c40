import { useMemo } from 'react'
import { Link } from 'react-router'
import { useTranslation } from 'react-i18next'
import { formatValue, labelFrom, type FieldDisplay } from '../../../lib/fieldDisplay'
import { formatPhone } from '../../../lib/phone'
import { useAuth } from '../../auth/hooks/useAuth'

export function useContactFieldDisplay(): FieldDisplay {
  const { t, i18n } = useTranslation()
  const { defaultRegion } = useAuth()
  return useMemo(
    () => ({
      label: labelFrom(t, (k) => i18n.exists(k), 'contacts.fields'),
      value: (field: string, v: unknown) => {
        if (field === 'phone' && typeof v === 'string' && v) return formatPhone(v, defaultRegion)
        if (field === 'customerId' && typeof v === 'string' && v) return <Link to={`/customers/${v}`}>{t('contacts.openCustomer')}</Link>
        return formatValue(v, t, i18n.language)
      },
    }),
    [t, i18n, defaultRegion],
  )
}
