import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { browserTimeZone } from '../../../lib/format'
import { reportsApi } from '../api'
import { reportKeys, type ReportName, type ReportQuery } from '../types'

/** The report in the UI's language and the browser's time zone; the last result stays while the next loads. */
export function useReport(name: ReportName, query: ReportQuery, enabled = true) {
  const { i18n } = useTranslation()
  const full: ReportQuery = { ...query, lang: i18n.language === 'zh-CN' ? 'zh-CN' : 'en', tz: browserTimeZone() }
  return useQuery({
    queryKey: reportKeys.one(name, full),
    queryFn: ({ signal }) => reportsApi.run(name, full, signal),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  })
}
