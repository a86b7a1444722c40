import { Select, Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { fieldLabel } from '../fieldLabel'
import type { ImportAnalysis, Mapping, ValueMapping } from '../types'

interface Props {
  analysis: ImportAnalysis
  mapping: Mapping
  valueMapping: ValueMapping
  onChange: (valueMapping: ValueMapping) => void
}

/** For each mapped enum field (stage, status, type…): every value seen in the file → a Kith option. */
export function ValueMappingCard({ analysis, mapping, valueMapping, onChange }: Props) {
  const { t } = useTranslation()
  const mapped = new Set(Object.values(mapping).filter(Boolean))
  const enums = analysis.fields.filter((f) => f.kind === 'enum' && mapped.has(f.key) && Object.keys(valueMapping[f.key] ?? analysis.proposedValueMapping[f.key] ?? {}).length > 0)
  if (!enums.length) return null
  return (
    <div data-testid="import-values">
      <Typography.Title level={5}>{t('imports.values.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('imports.values.hint')}</Typography.Paragraph>
      {enums.map((field) => {
        const values = { ...analysis.proposedValueMapping[field.key], ...valueMapping[field.key] }
        return (
          <Table
            key={field.key}
            size="small"
            style={{ marginBottom: 16 }}
            pagination={false}
            rowKey="source"
            title={() => <Typography.Text strong>{fieldLabel(t, field.key)}</Typography.Text>}
            dataSource={Object.entries(values).map(([source, value]) => ({ source, value }))}
            columns={[
              { key: 'source', title: t('imports.values.source'), dataIndex: 'source', width: '40%' },
              {
                key: 'target',
                title: t('imports.values.target'),
                render: (_, r) => (
                  <Select
                    style={{ minWidth: 200 }}
                    placeholder={t('imports.values.unmapped')}
                    value={r.value || undefined}
                    onChange={(v: string) => onChange({ ...valueMapping, [field.key]: { ...values, [r.source]: v } })}
                    options={(field.values ?? []).map((o) => ({ value: o.value, label: o.label }))}
                  />
                ),
              },
            ]}
          />
        )
      })}
    </div>
  )
}
