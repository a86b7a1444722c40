import { FunnelChart } from 'echarts/charts'
import { TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { formatNumber } from '../../../lib/format'
import type { CampaignStats } from '../types'

// Only what this chart needs, so the page's chunk stays small (ECharts tree-shaken).
echarts.use([FunnelChart, TooltipComponent, CanvasRenderer])

const STEPS = ['recipients', 'delivered', 'opened', 'clicked'] as const

/** Recipients → delivered → opened → clicked, labelled in the UI's language. Loaded only on the campaign page. */
export default function StatsFunnelChart({ stats }: { stats: CampaignStats }) {
  const { t, i18n } = useTranslation()
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
    const base = stats.recipients || 1
    chart.current?.setOption(
      {
        animation: false,
        tooltip: { trigger: 'item', formatter: (p: { name: string; value: number }) => `${p.name}: ${formatNumber(p.value)}` },
        color: ['#1677ff', '#4096ff', '#69b1ff', '#91caff'],
        series: [
          {
            type: 'funnel',
            sort: 'none',
            min: 0,
            max: base,
            minSize: '8%',
            gap: 2,
            left: '5%',
            width: '90%',
            label: {
              position: 'inside',
              color: '#fff',
              formatter: (p: { name: string; value: number }) => `${p.name}  ${formatNumber(p.value)}`,
            },
            data: STEPS.map((k) => ({ name: t(`campaigns.stats.${k}`), value: stats[k] })),
          },
        ],
      },
      true,
    )
  }, [stats, t, i18n.language])

  return <div ref={el} style={{ width: '100%', height: 260 }} data-testid="stats-funnel" role="img" aria-label={t('campaigns.stats.funnel')} />
}
