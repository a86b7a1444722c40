import { Table, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { fieldLabel } from '../fieldLabel'
import type { RowError } from '../types'

/** Invalid rows with every reason, by the row number the user sees in his spreadsheet. */
export function RowErrorsTable({ rows }: { rows: RowError[] }) {
  const { t } = useTranslation()
  return (
    <Table
      size="small"
      rowKey="row"
      data-testid="import-row-errors"
      pagination={rows.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
      dataSource={rows}
      columns={[
        { key: 'row', title: t('imports.dryRun.row'), dataIndex: 'row', width: 80 },
        {
          key: 'reasons',
          title: t('imports.dryRun.reasons'),
          render: (_, r) => (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {r.errors.map((e, i) => (
                <li key={i}>
                  <Typography.Text strong>{fieldLabel(t, e.path)}</Typography.Text>: {e.message}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  )
}
