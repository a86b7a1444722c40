import { CheckCircleTwoTone, WarningTwoTone, InfoCircleTwoTone } from '@ant-design/icons'
import { Descriptions, Table, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { fieldLabel } from '../fieldLabel'
import type { ImportAnalysis, ImportPreview, Mapping } from '../types'

interface Props {
  preview: ImportPreview
  analysis: ImportAnalysis
  mapping: Mapping
}

type Values = Record<string, unknown>
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The stored form made readable: nested values (address) become their own columns, and the ids
 * resolved from names (owner, customer, team) are left out — the user knows them by the name in
 * his file, which the mapping step showed.
 */
function readable(values: Values): Values {
  const out: Values = {}
  for (const [k, v] of Object.entries(values)) {
    if ((typeof v === 'string' && UUID.test(v)) || k.endsWith('Id')) continue
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [sub, sv] of Object.entries(v as Values)) if (sv !== null && sv !== undefined) out[`${k}.${sub}`] = sv
    } else out[k] = v
  }
  return out
}

/** An invalid row has no stored form: show what the file holds under each mapped field. */
function raw(analysis: ImportAnalysis, mapping: Mapping, row: number): Values {
  const cells = analysis.sampleRows[row - analysis.headerRow - 1] ?? []
  const out: Values = {}
  analysis.columns.forEach((column, i) => {
    const field = mapping[column]
    if (field && cells[i]) out[field] = cells[i]
  })
  return out
}

/** An invalid row in full: every problem of it, and every cell of the file's row under its column name. */
function RowProblems({ row, analysis, mapping, errors }: { row: number; analysis: ImportAnalysis; mapping: Mapping; errors: { path: string; message: string }[] }) {
  const { t } = useTranslation()
  const cells = analysis.sampleRows[row - analysis.headerRow - 1] ?? []
  const bad = new Set(errors.map((e) => e.path))
  return (
    <div data-testid={`preview-row-errors-${row}`} style={{ padding: '4px 8px' }}>
      <Typography.Text strong>{t('imports.preview.rowProblems', { count: errors.length })}</Typography.Text>
      <ul style={{ margin: '4px 0 12px', paddingInlineStart: 20 }}>
        {errors.map((e, i) => (
          <li key={i}>
            <Typography.Text type="danger">
              <Typography.Text type="danger" strong>{fieldLabel(t, e.path)}</Typography.Text>
              {t('imports.preview.colon')}
              {e.message}
            </Typography.Text>
          </li>
        ))}
      </ul>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, sm: 2, lg: 3 }}
        title={<Typography.Text type="secondary" style={{ fontWeight: 'normal', fontSize: 13 }}>{t('imports.preview.wholeRow')}</Typography.Text>}
        items={analysis.columns.map((column, i) => {
          const field = mapping[column]
          const wrong = field ? bad.has(field) || [...bad].some((p) => p.startsWith(`${field}.`)) : false
          return {
            key: `${i}`,
            label: field ? `${column} → ${fieldLabel(t, field)}` : column,
            children: cells[i] ? (
              <Typography.Text type={wrong ? 'danger' : undefined} strong={wrong}>{cells[i]}</Typography.Text>
            ) : (
              <Typography.Text type={wrong ? 'danger' : 'secondary'}>{t('imports.preview.emptyCell')}</Typography.Text>
            ),
          }
        })}
      />
    </div>
  )
}

const show = (v: unknown): string => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : typeof v === 'object' ? JSON.stringify(v) : String(v))

/** The first rows as they will be stored (parsed dates, E.164 phones), invalid ones as read. */
export function PreviewTable({ preview, analysis, mapping }: Props) {
  const { t } = useTranslation()
  const rows = preview.rows.map((r) => {
    const values = readable(r.values)
    return { ...r, shown: r.errors.length && Object.keys(values).length === 0 ? raw(analysis, mapping, r.row) : values }
  })
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r.shown)))]
  return (
    <>
      <Typography.Title level={5}>{t('imports.preview.title', { count: rows.length })}</Typography.Title>
      <Table
        size="small"
        rowKey="row"
        data-testid="import-preview"
        scroll={{ x: 'max-content' }}
        pagination={false}
        dataSource={rows}
        expandable={{
          // Invalid rows open with every problem and the whole row as the file has it.
          defaultExpandedRowKeys: rows.filter((r) => r.errors.length > 0).map((r) => r.row),
          rowExpandable: (r) => r.errors.length > 0,
          expandedRowRender: (r) => <RowProblems row={r.row} analysis={analysis} mapping={mapping} errors={r.errors} />,
        }}
        columns={[
          { key: 'row', title: t('imports.preview.row'), dataIndex: 'row', width: 64, fixed: 'left' },
          {
            key: 'ok',
            title: '',
            width: 40,
            fixed: 'left',
            render: (_, r) =>
              r.errors.length ? (
                <Tooltip title={r.errors.map((e) => `${fieldLabel(t, e.path)}: ${e.message}`).join('\n')}>
                  <WarningTwoTone twoToneColor="#faad14" aria-label={t('imports.preview.errors')} />
                </Tooltip>
              ) : r.warnings.length ? (
                <Tooltip title={r.warnings.map((e) => `${fieldLabel(t, e.path)}: ${e.message}`).join('\n')}>
                  <InfoCircleTwoTone twoToneColor="#1677ff" aria-label={t('imports.preview.warnings')} data-testid={`preview-warning-${r.row}`} />
                </Tooltip>
              ) : (
                <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('imports.preview.ok')} />
              ),
          },
          ...keys.map((k) => ({
            key: k,
            title: fieldLabel(t, k),
            render: (_: unknown, r: (typeof rows)[number]) => {
              const bad = r.errors.some((e) => e.path === k)
              // A members import says what each e-mail found: a contact, a lead, a customer, or a lead to create.
              const text = k === 'kind' && typeof r.shown[k] === 'string' ? t(`imports.mailingList.kinds.${r.shown[k]}`) : show(r.shown[k])
              return <Typography.Text type={bad ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>{text}</Typography.Text>
            },
          })),
        ]}
      />
    </>
  )
}
