import { Card, Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { CursorPager } from '../../../components/CursorPager'
import { DateTime } from '../../../components/DateTime'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useAuditLog } from '../hooks/useAuditLog'
import { useEntityFieldDisplay } from '../hooks/useEntityFieldDisplay'
import type { AuditEntry, AuditParams } from '../types'
import { AuditActionTag } from './AuditActionTag'
import { AuditFilters, type AuditFilterValues } from './AuditFilters'
import { ChangesList } from './ChangesList'
import { AuditIntegrityCard } from './AuditIntegrityCard'
import { useAuth } from '../../auth/hooks/useAuth'

const entityLink = (e: AuditEntry) =>
  e.entityId && e.action !== 'purge' ? (e.entity === 'customer' ? `/customers/${e.entityId}` : e.entity === 'contact' ? `/contacts/${e.entityId}` : null) : null

export default function AuditLogPage() {
  const { t, i18n } = useTranslation()
  const [filters, setFilters] = useState<AuditFilterValues>({})
  const params: AuditParams = {
    entity: filters.entity,
    entityId: filters.entityId,
    actorId: filters.actorId,
    from: filters.range?.[0]?.startOf('day').toISOString(),
    to: filters.range?.[1]?.endOf('day').toISOString(),
    limit: 50,
  }
  const pager = useCursorPager(JSON.stringify(params))
  const query = useAuditLog({ ...params, cursor: pager.cursor })
  const displayFor = useEntityFieldDisplay()
  const isAdmin = useAuth().hasRole('admin')

  const columns: TableProps<AuditEntry>['columns'] = [
    { key: 'at', title: t('audit.fields.at'), width: 170, render: (_, e) => <DateTime value={e.at} /> },
    { key: 'actor', title: t('audit.fields.actor'), width: 140, render: (_, e) => e.actorName ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text> },
    { key: 'action', title: t('audit.fields.action'), width: 110, render: (_, e) => <AuditActionTag action={e.action} /> },
    {
      key: 'entity',
      title: t('audit.fields.entity'),
      width: 130,
      render: (_, e) => {
        const label = i18n.exists(`audit.entities.${e.entity}`) ? t(`audit.entities.${e.entity}`) : e.entity
        const to = entityLink(e)
        return to ? <Link to={to}>{label}</Link> : label
      },
    },
    { key: 'changes', title: t('audit.fields.changes'), render: (_, e) => <ChangesList changes={e.changes} display={displayFor(e.entity)} action={e.action} /> },
  ]

  return (
    <>
      <PageHeader title={t('audit.title')} />
      {isAdmin && <AuditIntegrityCard />}
      <Card>
        <AuditFilters value={filters} onChange={setFilters} />
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <Table<AuditEntry>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={query.data?.items ?? []}
              loading={query.isFetching}
              pagination={false}
              scroll={{ x: 1000 }}
              locale={{ emptyText: query.isPending ? ' ' : <EmptyState title={t('audit.emptyTitle')} description={t('audit.empty')} /> }}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
          </>
        )}
      </Card>
    </>
  )
}
