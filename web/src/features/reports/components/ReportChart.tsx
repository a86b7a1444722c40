import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { formatMoney, formatMoneyValue, type MoneyValue } from '../../../lib/money'
import { formatNumber } from '../../../lib/format'
import { chartSpec } from '../chartSpec'
import { drillHref, type ReportColumn, type ReportName, type ReportResult } from '../types'

// Only the charts Kith draws, in a chunk loaded with the report pages.
echarts.use([BarChart, LineChart, PieChart, FunnelChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer])

const PALETTE = ['#1677ff', '#52c41a', '#faad14', '#eb2f96', '#13c2c2', '#722ed1', '#fa541c', '#2f54eb']

function formatValue(column: ReportColumn | undefined, value: unknown, currency: string): string {
  if (value === null || value === undefined) return '–'
  if (column?.type === 'money') return Array.isArray(value) ? formatMoneyValue(value as MoneyValue, currency) : formatMoney(String(value), currency)
  if (column?.type === 'percent') return `${formatNumber(Number(value))}%`
  return formatNumber(Number(value))
}

/** The report's chart; a click on a bar, slice or step opens the list behind it. */
export default function ReportChart({ name, result, height = 360 }: { name: ReportName; result: ReportResult; height?: number }) {
  const { i18n } = useTranslation()
  const navigate = useNavigate()
  const el = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    if (!el.current) return
    const c = echarts.init(el.current, undefined, { renderer: 'canvas' })
    chart.current = c
    const resize = () => c.resize()
    window.addEventListener('resize', resize)
    return () => {
      window.removeEventListener('resize', resize)
      c.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    const c = chart.current
    const spec = chartSpec(name, result)
    if (!c || !spec) return
    const col = (key: string) => result.columns.find((x) => x.key === key)
    const label = (key: string) => col(key)?.label ?? key
    const rows = result.rows
    const categories = rows.map((r) => String(r[spec.category] ?? ''))
    let option: echarts.EChartsCoreOption
    if (spec.kind === 'funnel' || spec.kind === 'pie') {
      const data = rows.map((r, i) => ({ name: categories[i], value: Number(r[spec.value] ?? 0), rowIndex: i })).filter((d) => spec.kind === 'funnel' || d.value > 0)
      option = {
        color: PALETTE,
        tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; percent?: number }) => `${p.name}: ${formatNumber(p.value)}${p.percent !== undefined && spec.kind === 'pie' ? ` (${formatNumber(p.percent)}%)` : ''}` },
        legend: { bottom: 0, type: 'scroll' },
        series: [
          spec.kind === 'funnel'
            ? { type: 'funnel', sort: 'none', left: '10%', width: '80%', top: 10, bottom: 40, minSize: '6%', gap: 2, label: { position: 'inside', formatter: (p: { name: string; value: number }) => `${p.name}  ${formatNumber(p.value)}` }, data }
            : { type: 'pie', radius: ['35%', '65%'], center: ['50%', '45%'], label: { formatter: '{b}\n{d}%' }, data },
        ],
      }
    } else {
      const hasRight = spec.series.some((s) => s.axis === 1)
      const valueAxis = (i: 0 | 1) => ({
        type: 'value' as const,
        axisLabel: { formatter: (v: number) => (spec.series.find((s) => (s.axis ?? 0) === i && col(s.key)?.type === 'percent') ? `${v}%` : formatNumber(v)) },
        splitLine: { show: i === 0 },
      })
      const categoryAxis = {
        type: 'category' as const,
        data: spec.horizontal ? [...categories].reverse() : categories,
        axisLabel: spec.horizontal ? { width: 140, overflow: 'truncate' as const } : { interval: 0, rotate: categories.length > 8 ? 40 : 0, width: 90, overflow: 'truncate' as const },
      }
      option = {
        color: PALETTE,
        tooltip: {
          trigger: 'axis',
          valueFormatter: undefined,
          formatter: (items: { seriesName: string; value: number | null; axisValueLabel: string; marker: string; seriesIndex: number }[]) =>
            [items[0]?.axisValueLabel ?? '', ...items.map((p) => `${p.marker}${p.seriesName}: ${formatValue(col(spec.series[p.seriesIndex]!.key), p.value, result.currency)}`)].join('<br/>'),
        },
        legend: { bottom: 0 },
        grid: { left: 12, right: hasRight ? 12 : 24, top: 24, bottom: 40, containLabel: true },
        xAxis: spec.horizontal ? [valueAxis(0)] : categoryAxis,
        yAxis: spec.horizontal ? categoryAxis : hasRight ? [valueAxis(0), valueAxis(1)] : [valueAxis(0)],
        series: spec.series.map((s) => {
          // Per-currency amounts (no exchange rate) have no single height: no bar; the table and the note show them.
          const values = rows.map((r) => (r[s.key] === null || r[s.key] === undefined || Array.isArray(r[s.key]) ? null : Number(r[s.key])))
          return {
            name: label(s.key),
            type: s.type,
            stack: s.stack,
            yAxisIndex: spec.horizontal ? undefined : (s.axis ?? 0),
            barMaxWidth: 36,
            smooth: s.type === 'line',
            data: spec.horizontal ? [...values].reverse() : values,
          }
        }),
      }
    }
    c.setOption({ animation: false, ...option }, true)
    c.off('click')
    c.on('click', (p) => {
      const fromData = (p.data as { rowIndex?: number } | null)?.rowIndex
      const index = fromData ?? (spec.kind === 'cartesian' && spec.horizontal ? rows.length - 1 - p.dataIndex : p.dataIndex)
      const href = drillHref(rows[index]?.drill)
      if (href) navigate(href)
    })
  }, [name, result, i18n.language, navigate])

  if (!chartSpec(name, result)) return null
  return <div ref={el} data-testid="report-chart" style={{ width: '100%', height }} />
}
