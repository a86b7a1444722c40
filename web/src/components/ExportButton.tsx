import { DownloadOutlined, FileExcelOutlined, FileTextOutlined } from '@ant-design/icons'
import { Button, Dropdown } from 'antd'
import { useTranslation } from 'react-i18next'
import { toQueryString, type Query } from '../lib/api'

interface Props {
  /** The list's API path without /api/v1, e.g. `customers`. */
  resource: 'customers' | 'contacts' | 'leads' | 'opportunities'
  /** The list's current filters, search and sort (paging is dropped). */
  params: Query
  /** Column keys in display order; all columns when absent. */
  columns?: string[]
}

/**
 * Downloads the list as the user sees it, as CSV or Excel. Each choice is a plain link that the
 * browser follows with the session cookie, so a million rows stream to disk instead of into
 * memory, and the click is the user's own (browsers hold back downloads a script starts).
 */
export function ExportButton({ resource, params, columns }: Props) {
  const { t, i18n } = useTranslation()
  const { limit: _l, cursor: _c, ...filters } = params
  const href = (format: 'csv' | 'xlsx') =>
    `/api/v1/${resource}/export${toQueryString({
      ...filters,
      format,
      lang: i18n.language === 'en' ? 'en' : 'zh-CN',
      tz: Intl.DateTimeFormat().resolvedOptions().timeZone,
      columns: columns?.join(','),
    })}`
  const item = (format: 'csv' | 'xlsx', icon: React.ReactNode) => ({
    key: format,
    icon,
    label: <a href={href(format)} download data-testid={`export-${resource}-${format}`}>{t(`imports.export.${format}`)}</a>,
  })
  return (
    <Dropdown trigger={['click']} menu={{ items: [item('xlsx', <FileExcelOutlined />), item('csv', <FileTextOutlined />)] }}>
      <Button icon={<DownloadOutlined />} data-testid={`export-${resource}`}>{t('imports.export.button')}</Button>
    </Dropdown>
  )
}
