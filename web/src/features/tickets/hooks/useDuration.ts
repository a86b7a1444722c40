import { useCallback } from 'react'
import { useTranslation } from 'react-i18next'
import { durationParts } from '../sla'

/** "2h 15m" / "2小时15分" for a span of milliseconds. */
export function useDuration(): (ms: number) => string {
  const { t, i18n } = useTranslation()
  return useCallback(
    (ms: number) => {
      const sep = i18n.language.startsWith('zh') ? '' : ' '
      return durationParts(ms)
        .map(([unit, count]) => t(`tickets.duration.${unit}`, { count }))
        .join(sep)
    },
    [t, i18n.language],
  )
}
