import { DownloadOutlined, UndoOutlined, UploadOutlined } from '@ant-design/icons'
import { App, Button, Card, Space, Table, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CursorPager } from '../../../components/CursorPager'
import { DateTime } from '../../../components/DateTime'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { importsApi } from '../api'
import { useImportList } from '../hooks/useImportList'
import { useUndoImport } from '../hooks/useUndoImport'
import type { ImportStatus } from '../types'
import { ImportStatusTag } from './ImportStatusTag'

/** Past imports with their results; a completed one can be undone. */
export default function ImportHistoryPage() {
  const { t, i18n } = useTranslation()
  const { modal, message } = App.useApp()
  const notifyError = useNotifyError()
  const pager = useCursorPager('imports')
  const query = useImportList({ cursor: pager.cursor, limit: 20 })
  const undo = useUndoImport()
  const n = (v: number) => new Intl.NumberFormat(i18n.language).format(v)

  const confirmUndo = (item: ImportStatus) =>
    modal.confirm({
      title: t('imports.undo.title'),
      content: t('imports.undo.content'),
      okText: t('imports.undo.ok'),
      okButtonProps: { danger: true },
      onOk: () =>
        undo.mutateAsync(item.id).then(
          (r) => {
            void message.success(t('imports.undo.done', { removed: n(r.removed), restored: n(r.restored) }))
            if (r.notUndone.length) void message.warning(t('imports.undo.partly', { count: r.notUndone.length }))
          },
          notifyError,
        ),
    })

  const newButton = (
    <Link to="/import"><Button type="primary" icon={<UploadOutlined />}>{t('imports.newImport')}</Button></Link>
  )

  return (
    <>
      <PageHeader title={t('imports.history')} backTo="/import" actions={newButton} />
      <Card>
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Table
              rowKey="id"
              size="middle"
              data-testid="import-history"
              loading={query.isFetching && !query.data}
              pagination={false}
              scroll={{ x: 'max-content' }}
              dataSource={query.data?.items ?? []}
              locale={{ emptyText: query.isPending ? ' ' : <EmptyState title={t('imports.list.empty')} description={t('imports.list.emptyHint')} action={newButton} /> }}
              columns={[
                { key: 'file', title: t('imports.list.file'), render: (_, r) => <Typography.Text ellipsis style={{ maxWidth: 260 }}>{r.fileName}</Typography.Text> },
                { key: 'entity', title: t('imports.list.entity'), width: 100, render: (_, r) => t(`imports.entities.${r.entity}`) },
                { key: 'status', title: t('imports.list.status'), width: 100, render: (_, r) => <ImportStatusTag status={r.status} /> },
                {
                  key: 'counts',
                  title: t('imports.list.counts'),
                  render: (_, r) => (r.status === 'completed' || r.status === 'undone' || r.status === 'dry_run_done'
                    ? t('imports.list.countsText', { created: n(r.counts.created), updated: n(r.counts.updated), skipped: n(r.counts.skipped), invalid: n(r.counts.invalid) })
                    : r.status === 'failed' ? <Typography.Text type="danger">{r.error}</Typography.Text> : null),
                },
                { key: 'createdAt', title: t('imports.list.createdAt'), width: 150, render: (_, r) => <DateTime value={r.createdAt} /> },
                {
                  key: 'actions',
                  title: t('imports.list.actions'),
                  width: 120,
                  render: (_, r) => (
                    <Space size={4}>
                      {r.counts.invalid > 0 && (
                        <Tooltip title={t('imports.list.errors')}>
                          <Button size="small" type="text" icon={<DownloadOutlined />} href={importsApi.errorsUrl(r.id)} download aria-label={t('imports.list.errors')} />
                        </Tooltip>
                      )}
                      {r.status === 'completed' && (
                        <Button size="small" icon={<UndoOutlined />} onClick={() => confirmUndo(r)} data-testid={`undo-${r.id}`}>{t('imports.undo.button')}</Button>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Card>
    </>
  )
}
