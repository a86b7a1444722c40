import { PlusOutlined } from '@ant-design/icons'
import { Button, Card } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { BulkAssignBar } from '../../../components/BulkAssignBar'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { ExportButton } from '../../../components/ExportButton'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useAuth } from '../../auth/hooks/useAuth'
import { useAssignLeads } from '../hooks/useAssignLeads'
import { useLeadList } from '../hooks/useLeadList'
import { DEFAULT_SORT, useLeadListParams } from '../hooks/useLeadListParams'
import { LeadFilters } from './LeadFilters'
import { LeadFormDrawer } from './LeadFormDrawer'
import { LeadTable } from './LeadTable'
import { ImportLink } from '../../imports/components/ImportLink'

/** Sales leads: search and filter, create, and (managers, admins) reassign a selection. */
export default function LeadsPage() {
  const { t } = useTranslation()
  const { hasRole } = useAuth()
  const canAssign = hasRole('admin', 'manager')
  const list = useLeadListParams()
  const pager = useCursorPager(JSON.stringify(list.params))
  const query = useLeadList({ ...list.params, cursor: pager.cursor })
  const assign = useAssignLeads()
  const [creating, setCreating] = useState(false)
  const [selected, setSelected] = useState<string[]>([])

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('leads.new')}
    </Button>
  )
  const empty = list.hasFilters ? (
    <EmptyState title={t('leads.noMatchesTitle')} description={t('leads.noMatches')} action={<Button onClick={list.clear}>{t('common.clearFilters')}</Button>} />
  ) : (
    <EmptyState title={t('leads.emptyTitle')} description={t('leads.empty')} action={newButton} />
  )

  return (
    <>
      <PageHeader title={t('leads.title')} actions={<><ImportLink entity="leads" /><ExportButton resource="leads" params={list.params} />{newButton}</>} />
      <Card>
        <LeadFilters list={list} />
        {canAssign && <BulkAssignBar selected={selected} assign={assign} onDone={() => setSelected([])} />}
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <LeadTable
              items={query.data?.items ?? []}
              loading={query.isFetching}
              sort={list.params.sort}
              onSortChange={(sort) => list.update({ sort: sort === DEFAULT_SORT ? undefined : sort })}
              empty={query.isPending ? ' ' : empty}
              selection={canAssign ? { keys: selected, onChange: setSelected } : undefined}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} limit={list.limit} onLimitChange={(limit) => list.update({ limit })} />
          </>
        )}
      </Card>
      <LeadFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  )
}
