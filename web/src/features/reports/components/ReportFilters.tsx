import { Checkbox, DatePicker, Flex, InputNumber, Select, Typography } from 'antd'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { CurrencySelect } from '../../../components/CurrencySelect'
import { useTeams } from '../../teams/hooks/useTeams'
import { UserSelect } from '../../users/components/UserSelect'
import { useAuth } from '../../auth/hooks/useAuth'
import { monthStart } from '../hooks/useReportParams'
import { allowsAllTime, MAX_RANGE_DAYS, MAX_RANGE_YEARS, REPORT_CATALOG, type ReportName, type ReportQuery } from '../types'
import { companyToday } from '../../../lib/format'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'

interface Props {
  name: ReportName
  query: ReportQuery
  /** The period the server answered for (all time resolves to the data's first and last day). */
  period?: { from: string; to: string }
  onChange: (patch: Partial<Record<string, string | number | undefined>>) => void
}

/**
 * Date range with presets, or all time where the report offers it, owner and team (managers and
 * admins), grouping, currency, silent days. The picker cannot reach a period the server refuses.
 */
export function ReportFilters({ name, query, period, onChange }: Props) {
  const { t } = useTranslation()
  const { hasRole } = useAuth()
  const teams = useTeams()
  const { currency: companyCurrency } = useCompanyLocale()
  const today = companyToday()
  const presets = [
    { label: t('reports.presets.thisMonth'), value: [dayjs(monthStart(0)), dayjs(today)] },
    { label: t('reports.presets.last3Months'), value: [dayjs(monthStart(2)), dayjs(today)] },
    { label: t('reports.presets.thisYear'), value: [dayjs(`${today.slice(0, 4)}-01-01`), dayjs(today)] },
    { label: t('reports.presets.last12Months'), value: [dayjs(monthStart(11)), dayjs(today)] },
  ] as { label: string; value: [dayjs.Dayjs, dayjs.Dayjs] }[]
  const groupBys = REPORT_CATALOG[name].groupBys as readonly string[]
  const allTimeOffered = allowsAllTime(name, query.groupBy)
  const allTime = query.range === 'all'
  const shown = allTime ? period : query.from && query.to ? { from: query.from, to: query.to } : undefined
  const money = name !== 'customer-growth' && name !== 'at-risk' && !['tickets', 'sla', 'csat'].includes(name)
  return (
    <Flex wrap gap={8} align="center" style={{ marginBottom: 16 }} data-testid="report-filters">
      <DatePicker.RangePicker
        aria-label={t('reports.range')}
        allowClear={false}
        presets={presets}
        disabled={allTime}
        value={shown ? [dayjs(shown.from), dayjs(shown.to)] : null}
        disabledDate={(d, info) => !!info.from && Math.abs(d.diff(info.from, 'day')) > MAX_RANGE_DAYS}
        renderExtraFooter={() => (
          <Typography.Text type="secondary" data-testid="range-limit">
            {t('reports.rangeLimit', { years: MAX_RANGE_YEARS })}
            {allTimeOffered ? '' : `; ${t('reports.noAllTime')}`}
          </Typography.Text>
        )}
        onChange={(v) => v?.[0] && v[1] && onChange({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD'), range: undefined })}
      />
      {allTimeOffered && (
        <Checkbox
          checked={allTime}
          onChange={(e) => onChange(e.target.checked ? { range: 'all', from: undefined, to: undefined } : { range: undefined })}
        >
          {t('reports.allTime')}
        </Checkbox>
      )}
      {hasRole('admin', 'manager') && (
        <>
          <UserSelect style={{ width: 180 }} allowClear placeholder={t('reports.owner')} value={query.ownerId} onChange={(v: string | undefined) => onChange({ ownerId: v })} />
          {hasRole('admin') && (
            <Select
              style={{ width: 160 }}
              allowClear
              placeholder={t('reports.team')}
              value={query.teamId}
              options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              onChange={(v: string | undefined) => onChange({ teamId: v })}
            />
          )}
        </>
      )}
      {groupBys.length > 0 && (
        <Select
          style={{ width: 170 }}
          aria-label={t('reports.groupBy')}
          value={query.groupBy ?? groupBys[0]}
          options={groupBys.map((g) => ({ value: g, label: `${t('reports.groupBy')}: ${t(`reports.groupBys.${g}`)}` }))}
          // A grouping without all time falls back to the default period rather than be refused.
          onChange={(v: string) => onChange({ groupBy: v, ...(allTime && !allowsAllTime(name, v) ? { range: undefined } : {}) })}
        />
      )}
      {money && <CurrencySelect style={{ width: 120 }} value={query.currency ?? companyCurrency} onChange={(v: string) => onChange({ currency: v })} />}
      {name === 'at-risk' && (
        <InputNumber min={1} max={3650} addonBefore={t('reports.silentDays')} value={query.days ?? 90} onChange={(v) => v && onChange({ days: v })} style={{ width: 200 }} />
      )}
    </Flex>
  )
}
