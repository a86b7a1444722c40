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
import { useAssignOpportunities } from '../hooks/useAssignOpportunities'
import { DEFAULT_SORT, useOpportunityListParams } from '../hooks/useOpportunityListParams'
import { useOpportunityList } from '../hooks/useOpportunityList'
import { OpportunityFilters } from './OpportunityFilters'
import { OpportunityFormDrawer } from './OpportunityFormDrawer'
import { OpportunityTable } from './OpportunityTable'
import { OpportunityViewSwitch } from './OpportunityViewSwitch'
import { ImportLink } from '../../imports/components/ImportLink'

/** The deals as a filterable, sortable list; managers can reassign a selection. */
export default function OpportunitiesPage() {
  const { t } = useTranslation()
  const { hasRole } = useAuth()
  const canAssign = hasRole('admin', 'manager')
  const canCreate = !hasRole('marketing')
  const list = useOpportunityListParams()
  const pager = useCursorPager(JSON.stringify(list.params))
  const query = useOpportunityList({ ...list.params, cursor: pager.cursor })
  const assign = useAssignOpportunities()
  const [creating, setCreating] = useState(false)
  const [selected, setSelected] = useState<string[]>([])

  const newButton = canCreate && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('opportunities.new')}
    </Button>
  )
  const empty = list.hasFilters ? (
    <EmptyState title={t('opportunities.noMatchesTitle')} description={t('opportunities.noMatches')} action={<Button onClick={list.clear}>{t('common.clearFilters')}</Button>} />
  ) : (
    <EmptyState title={t('opportunities.emptyTitle')} description={t('opportunities.empty')} action={newButton} />
  )

  return (
    <>
      <PageHeader title={t('opportunities.title')} subtitle={<OpportunityViewSwitch current="list" />} actions={<><ImportLink entity="opportunities" /><ExportButton resource="opportunities" params={list.params} />{newButton}</>} />
      <Card>
        <OpportunityFilters list={list} />
        {canAssign && <BulkAssignBar selected={selected} assign={assign} onDone={() => setSelected([])} />}
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <OpportunityTable
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
      <OpportunityFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  )
}
