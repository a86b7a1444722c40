import { Alert, Select, Table, Tag, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { fieldLabel } from '../fieldLabel'
import type { ImportAnalysis, Mapping } from '../types'

interface Props {
  analysis: ImportAnalysis
  mapping: Mapping
  onChange: (mapping: Mapping) => void
}

const IGNORE = '__ignore__'

/** Up to three distinct non-blank values of a column from the sample rows. */
function samplesOf(analysis: ImportAnalysis, index: number): string[] {
  const seen = new Set<string>()
  for (const row of analysis.sampleRows) {
    const v = row[index]?.trim()
    if (v) seen.add(v)
    if (seen.size === 3) break
  }
  return [...seen]
}

/** Problems the user must fix before the import can run: unmapped required fields, a field mapped twice. */
export function mappingProblems(analysis: ImportAnalysis, mapping: Mapping): { missing: string[]; twice: string[] } {
  const used = Object.values(mapping).filter((v): v is string => !!v)
  const missing = analysis.fields.filter((f) => f.required && !used.includes(f.key)).map((f) => f.key)
  const twice = [...new Set(used.filter((v, i) => used.indexOf(v) !== i))]
  return { missing, twice }
}

const LEVEL_COLOR = { high: 'green', medium: 'gold', low: 'default' } as const

/** How sure the proposal for a column is, while the column still has it; a hint for one left unmapped on purpose. */
function SuggestionTag({ analysis, column, current }: { analysis: ImportAnalysis; column: string; current: string | null }) {
  const { t } = useTranslation()
  const s = analysis.suggestions[column]
  if (!s?.confidence) return null
  if (s.field && s.field === current) {
    const tag = <Tag color={LEVEL_COLOR[s.confidence]} data-testid={`confidence-${column}`}>{t(`imports.mapping.levels.${s.confidence}`)}</Tag>
    return s.reason ? <Tooltip title={s.reason}>{tag}</Tooltip> : tag
  }
  if (!s.field && s.hint && !current) {
    return (
      <Tooltip title={t('imports.mapping.maybeTip', { field: fieldLabel(t, s.hint), reason: s.reason ?? '' })}>
        <Tag data-testid={`confidence-${column}`}>{t('imports.mapping.maybe', { field: fieldLabel(t, s.hint) })}</Tag>
      </Tooltip>
    )
  }
  return null
}

export function MappingTable({ analysis, mapping, onChange }: Props) {
  const { t } = useTranslation()
  const options = [
    { value: IGNORE, label: <Typography.Text type="secondary">{t('imports.mapping.ignore')}</Typography.Text> },
    ...analysis.fields.map((f) => ({ value: f.key, label: `${fieldLabel(t, f.key)}${f.required ? ' *' : ''}` })),
  ]
  const { missing, twice } = mappingProblems(analysis, mapping)
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('imports.mapping.hint')} {t('imports.mapping.profiled', { count: analysis.profiledRows })}
      </Typography.Paragraph>
      {missing.length > 0 && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('imports.mapping.required', { fields: missing.map((k) => fieldLabel(t, k)).join('、') })} />
      )}
      {twice.map((k) => (
        <Alert key={k} type="warning" showIcon style={{ marginBottom: 12 }} message={t('imports.mapping.duplicate', { field: fieldLabel(t, k) })} />
      ))}
      <Table
        size="small"
        rowKey="column"
        pagination={false}
        data-testid="import-mapping"
        dataSource={analysis.columns.map((column, index) => ({ column, index }))}
        columns={[
          { key: 'column', title: t('imports.mapping.column'), width: '28%', render: (_, r) => <Typography.Text strong>{r.column}</Typography.Text> },
          {
            key: 'samples',
            title: t('imports.mapping.samples'),
            render: (_, r) => (
              <span style={{ display: 'inline-flex', flexWrap: 'wrap', gap: 4 }}>
                {samplesOf(analysis, r.index).map((s) => <Tag key={s} bordered={false} style={{ maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>{s}</Tag>)}
              </span>
            ),
          },
          {
            key: 'confidence',
            title: t('imports.mapping.confidence'),
            width: 120,
            render: (_, r) => <SuggestionTag analysis={analysis} column={r.column} current={mapping[r.column] ?? null} />,
          },
          {
            key: 'target',
            title: t('imports.mapping.target'),
            width: 240,
            render: (_, r) => (
              <Select
                style={{ width: '100%' }}
                showSearch
                optionFilterProp="label"
                data-testid={`map-${r.column}`}
                value={mapping[r.column] ?? IGNORE}
                status={mapping[r.column] && twice.includes(mapping[r.column]!) ? 'warning' : undefined}
                onChange={(v: string) => onChange({ ...mapping, [r.column]: v === IGNORE ? null : v })}
                options={options.map((o) => (o.value === IGNORE ? o : { ...o, label: o.label }))}
              />
            ),
          },
        ]}
      />
    </>
  )
}
