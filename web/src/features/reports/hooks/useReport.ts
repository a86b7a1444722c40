import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useTranslation } from 'react-i18next'
import { reportsApi } from '../api'
import { reportKeys, type ReportName, type ReportQuery } from '../types'

/**
 * The report in the UI's language; months and days in the company's time zone (the server's default,
 * so every user and every download count them alike). The last result stays while the next loads.
 */
export function useReport(name: ReportName, query: ReportQuery, enabled = true) {
  const { i18n } = useTranslation()
  const full: ReportQuery = { ...query, lang: i18n.language === 'zh-CN' ? 'zh-CN' : 'en' }
  return useQuery({
    queryKey: reportKeys.one(name, full),
    queryFn: ({ signal }) => reportsApi.run(name, full, signal),
    placeholderData: keepPreviousData,
    enabled,
    staleTime: 30_000,
  })
}
