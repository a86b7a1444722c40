import { PlusOutlined } from '@ant-design/icons'
import { Button, Card } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { DEFAULT_SORT } from '../../../hooks/useUrlListParams'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useCanWorkTickets } from '../hooks/useCanWorkTickets'
import { useTicketList } from '../hooks/useTicketList'
import { useTicketListParams } from '../hooks/useTicketListParams'
import { TicketFilters } from './TicketFilters'
import { TicketFormDrawer } from './TicketFormDrawer'
import { TicketTable } from './TicketTable'
import { TicketViewTabs } from './TicketViewTabs'

/** The support inbox: saved views, filters, SLA countdowns; new tickets from the phone or the desk. */
export default function TicketsPage() {
  const { t } = useTranslation()
  // Sales reads its customers' tickets: no queue of its own, so it starts on "All".
  const canWork = useCanWorkTickets()
  const list = useTicketListParams(canWork ? 'mine' : 'all')
  const pager = useCursorPager(JSON.stringify(list.params))
  // New web-form tickets and SLA states change without anyone here touching them.
  const query = useTicketList({ ...list.params, cursor: pager.cursor }, { refetchInterval: 60_000 })
  const [creating, setCreating] = useState(false)

  const newButton = canWork ? (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('tickets.new')}
    </Button>
  ) : undefined
  const empty = list.hasFilters ? (
    <EmptyState title={t('tickets.noMatchesTitle')} description={t('tickets.noMatches')} action={<Button onClick={list.clear}>{t('common.clearFilters')}</Button>} />
  ) : (
    <EmptyState title={t('tickets.emptyTitle')} description={t(`tickets.emptyViews.${list.view}`)} />
  )

  return (
    <>
      <PageHeader title={t('tickets.title')} actions={newButton} />
      {canWork && <TicketViewTabs view={list.view} onChange={list.setView} />}
      <Card>
        <TicketFilters list={list} />
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <TicketTable
              items={query.data?.items ?? []}
              loading={query.isFetching && !query.isRefetching}
              sort={list.params.sort}
              onSortChange={(sort) => list.update({ sort: sort === DEFAULT_SORT ? undefined : sort })}
              empty={query.isPending ? ' ' : empty}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} limit={list.limit} onLimitChange={(limit) => list.update({ limit })} />
          </>
        )}
      </Card>
      <TicketFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  )
}
