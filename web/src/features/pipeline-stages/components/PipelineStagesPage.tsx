import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons'
import { Alert, App, Button, Card, Space, Table, Tag, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useErrorText } from '../../../hooks/useErrorText'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { useDeleteStage } from '../hooks/useDeleteStage'
import { localStageName } from '../hooks/useStageLabels'
import { useReorderStages } from '../hooks/useReorderStages'
import { useStages } from '../hooks/useStages'
import { KIND_COLORS, type Stage } from '../types'
import { StageFormModal } from './StageFormModal'

/** Admin: the stages of the sales pipeline, in order. */
export default function PipelineStagesPage() {
  const { t, i18n } = useTranslation()
  const { modal, message } = App.useApp()
  const { data: stages = [], isPending, error, refetch } = useStages()
  const reorder = useReorderStages()
  const remove = useDeleteStage()
  const notifyError = useNotifyError()
  const errorText = useErrorText()
  const [editing, setEditing] = useState<Stage | 'new' | null>(null)

  const move = (index: number, delta: -1 | 1) => {
    const keys = stages.map((s) => s.key)
    const [key] = keys.splice(index, 1)
    keys.splice(index + delta, 0, key!)
    reorder.mutate(keys, { onError: notifyError })
  }

  const confirmDelete = (s: Stage) => {
    const name = localStageName(s, i18n.language)
    modal.confirm({
      title: t('stages.deleteTitle', { name }),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await remove.mutateAsync(s.key)
          message.success(t('stages.deleted', { name }))
        } catch (e) {
          // 409: deals still sit in the stage, or it is the last stage of its kind.
          if (isApiError(e) && e.status === 409) modal.warning({ title: t('stages.cannotDelete', { name }), content: errorText(e) })
          else notifyError(e)
        }
      },
    })
  }

  const columns: TableProps<Stage>['columns'] = [
    { key: 'position', title: '#', width: 48, render: (_, _s, i) => <Typography.Text type="secondary">{i + 1}</Typography.Text> },
    { key: 'name', title: t('stages.fields.name'), render: (_, s) => <Typography.Text strong>{s.name}</Typography.Text> },
    { key: 'nameEn', title: t('stages.fields.nameEn'), dataIndex: 'nameEn' },
    { key: 'key', title: t('stages.fields.key'), render: (_, s) => <Typography.Text code>{s.key}</Typography.Text> },
    { key: 'probability', title: t('stages.fields.probability'), width: 100, align: 'right', render: (_, s) => `${s.probability}%` },
    { key: 'kind', title: t('stages.fields.kind'), width: 100, render: (_, s) => <Tag color={KIND_COLORS[s.kind]} bordered={false}>{t(`stages.kind.${s.kind}`)}</Tag> },
    {
      key: 'actions',
      title: '',
      width: 168,
      align: 'right',
      render: (_, s, i) => (
        <Space size={0}>
          <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('stages.moveUp', { name: localStageName(s, i18n.language) })} disabled={i === 0 || reorder.isPending} onClick={() => move(i, -1)} />
          <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('stages.moveDown', { name: localStageName(s, i18n.language) })} disabled={i === stages.length - 1 || reorder.isPending} onClick={() => move(i, 1)} />
          <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('common.edit')} onClick={() => setEditing(s)} />
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={() => confirmDelete(s)} />
        </Space>
      ),
    },
  ]

  return (
    <>
      <PageHeader
        title={t('stages.title')}
        actions={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('stages.new')}
          </Button>
        }
      />
      <Card>
        <Alert type="info" showIcon message={t('stages.hint')} style={{ marginBottom: 16 }} />
        {error ? (
          <ErrorResult error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<Stage> rowKey="key" columns={columns} dataSource={stages} loading={isPending || reorder.isPending} pagination={false} scroll={{ x: 760 }} data-testid="stages-table" />
        )}
      </Card>
      <StageFormModal open={editing !== null} stage={editing === 'new' || editing === null ? undefined : editing} onClose={() => setEditing(null)} />
    </>
  )
}
