import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { formatValue, labelFrom, type FieldDisplay } from '../../../lib/fieldDisplay'
import { formatDay } from '../../../lib/format'
import { useStageLabels } from '../../pipeline-stages/hooks/useStageLabels'
import { useUserNames } from '../../users/hooks/useUserNames'

/** Deal field names and values for people (conflict dialog). */
export function useOpportunityFieldDisplay(): FieldDisplay {
  const { t, i18n } = useTranslation()
  const userNames = useUserNames()
  const { name: stageName } = useStageLabels()
  return useMemo(() => {
    const plain = (v: unknown) => formatValue(v, t, i18n.language)
    return {
      label: labelFrom(t, (k) => i18n.exists(k), 'opportunities.fields'),
      value: (field: string, v: unknown) => {
        if (v === null || v === undefined || v === '') return plain(v)
        if (field === 'stage' && typeof v === 'string') return stageName(v)
        if (field === 'ownerId' && typeof v === 'string') return userNames.get(v) ?? v
        if (field === 'expectedCloseDate' && typeof v === 'string') return formatDay(v)
        if (field === 'probability') return `${plain(v)}%`
        return plain(v)
      },
    }
  }, [t, i18n, userNames, stageName])
}
