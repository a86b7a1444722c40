import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatValue, labelFrom, type FieldDisplay } from '../lib/fieldDisplay'

/** Field names from `fields.<name>`, values rendered plainly: for entities without their own display. */
export function useGenericFieldDisplay(): FieldDisplay {
  const { t, i18n } = useTranslation()
  return useMemo(
    () => ({
      label: labelFrom(t, (k) => i18n.exists(k), 'fields'),
      value: (_field: string, v: unknown) => formatValue(v, t, i18n.language),
    }),
    [t, i18n],
  )
}
