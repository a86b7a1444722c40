import { Col, Row, Statistic } from 'antd'
import { useTranslation } from 'react-i18next'
import type { ImportStatus } from '../types'

export function ImportCounts({ counts }: { counts: ImportStatus['counts'] }) {
  const { t, i18n } = useTranslation()
  const fmt = (n: number | string) => new Intl.NumberFormat(i18n.language).format(Number(n))
  const all = [
    { key: 'created', color: '#389e0d' },
    { key: 'updated', color: '#1677ff' },
    { key: 'unchanged', color: undefined },
    { key: 'merged', color: undefined },
    { key: 'skipped', color: undefined },
    { key: 'invalid', color: counts.invalid ? '#cf1322' : undefined },
  ] as const
  // Only an upsert has unchanged and merged rows: elsewhere the two zeros would only puzzle.
  const items = all.filter((i) => (i.key !== 'unchanged' && i.key !== 'merged') || counts[i.key] > 0)
  return (
    <Row gutter={16} data-testid="import-counts">
      {items.map((i) => (
        <Col key={i.key} xs={12} sm={items.length > 4 ? 4 : 6}>
          <Statistic title={t(`imports.dryRun.${i.key}`)} value={counts[i.key]} formatter={fmt} valueStyle={{ color: i.color }} data-testid={`count-${i.key}`} />
        </Col>
      ))}
    </Row>
  )
}
