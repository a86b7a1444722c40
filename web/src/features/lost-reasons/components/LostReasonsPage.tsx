import { ArrowDownOutlined, ArrowUpOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Space, Switch, Table, Tag, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { useLostReasons } from '../hooks/useLostReasons'
import { useSaveLostReason } from '../hooks/useSaveLostReason'
import { lostReasonLabel, type LostReason, type LostReasonUpdate } from '../types'
import { LostReasonFormModal } from './LostReasonFormModal'

/** Admin: the reasons a deal can be lost for, in the order the mark-lost dialog offers them. */
export default function LostReasonsPage() {
  const { t, i18n } = useTranslation()
  const { message } = App.useApp()
  const { data: reasons = [], isPending, error, refetch } = useLostReasons()
  const save = useSaveLostReason()
  const notifyError = useNotifyError()
  const [editing, setEditing] = useState<LostReason | 'new' | null>(null)

  const change = (r: LostReason, patch: Omit<LostReasonUpdate, 'version'>) =>
    save.mutate(
      { id: r.id, body: { ...patch, version: r.version } },
      { onError: (e) => (isApiError(e) && e.isConflict ? void message.warning(t('lostReasons.conflict')) : notifyError(e)) },
    )

  const columns: TableProps<LostReason>['columns'] = [
    { key: 'position', title: '#', width: 48, render: (_, _r, i) => <Typography.Text type="secondary">{i + 1}</Typography.Text> },
    { key: 'labelZh', title: t('lostReasons.fields.labelZh'), render: (_, r) => <Typography.Text strong>{r.labelZh}</Typography.Text> },
    { key: 'labelEn', title: t('lostReasons.fields.labelEn'), dataIndex: 'labelEn' },
    { key: 'requiresNote', title: t('lostReasons.fields.requiresNote'), width: 120, render: (_, r) => (r.requiresNote ? <Tag bordered={false} color="gold">{t('lostReasons.noteTag')}</Tag> : null) },
    {
      key: 'active',
      title: t('lostReasons.fields.active'),
      width: 110,
      render: (_, r) => (
        <Switch
          size="small"
          checked={r.active}
          disabled={r.key === 'other' || save.isPending}
          aria-label={t('lostReasons.toggle', { name: lostReasonLabel(r, i18n.language) })}
          onChange={(active) => change(r, { active })}
        />
      ),
    },
    {
      key: 'actions',
      title: '',
      width: 120,
      align: 'right',
      render: (_, r, i) => (
        <Space size={0}>
          <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('lostReasons.moveUp', { name: lostReasonLabel(r, i18n.language) })} disabled={i === 0 || save.isPending} onClick={() => change(r, { position: i })} />
          <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('lostReasons.moveDown', { name: lostReasonLabel(r, i18n.language) })} disabled={i === reasons.length - 1 || save.isPending} onClick={() => change(r, { position: i + 2 })} />
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('lostReasons.edit', { name: lostReasonLabel(r, i18n.language) })} onClick={() => setEditing(r)} />
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('lostReasons.title')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('lostReasons.new')}
          </Button>
        }
      />
      <Card>
        <Alert type="info" showIcon message={t('lostReasons.hint')} style={{ marginBottom: 16 }} />
        {error ? (
          <ErrorResult error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<LostReason>
            rowKey="id"
            columns={columns}
            dataSource={reasons}
            loading={isPending || save.isPending}
            pagination={false}
            scroll={{ x: 640 }}
            onRow={(r) => ({ style: r.active ? undefined : { opacity: 0.55 } })}
            data-testid="lost-reasons-table"
          />
        )}
      </Card>
      <LostReasonFormModal open={editing !== null} reason={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} />
    </>
  )
}
