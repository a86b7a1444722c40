import { PlusOutlined } from '@ant-design/icons'
import { Button, Flex } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useCanWorkTickets } from '../hooks/useCanWorkTickets'
import { useTicketList } from '../hooks/useTicketList'
import { TicketFormDrawer } from './TicketFormDrawer'
import { TicketTable } from './TicketTable'

/** A customer's service tickets, newest first; the service team can open one for him from here. */
export function CustomerTickets({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation()
  const canCreate = useCanWorkTickets()
  const pager = useCursorPager(customer.id)
  const query = useTicketList({ customerId: customer.id, sort: '-createdAt', limit: 20, cursor: pager.cursor })
  const [creating, setCreating] = useState(false)
  const newButton = canCreate ? (
    <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('tickets.new')}
    </Button>
  ) : undefined
  if (query.error) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
  const items = query.data?.items ?? []
  return (
    <div data-testid="customer-tickets">
      {items.length > 0 && newButton && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          {newButton}
        </Flex>
      )}
      <TicketTable
        items={items}
        loading={query.isFetching}
        hideCustomer
        empty={query.isPending ? ' ' : <EmptyState title={t('tickets.customerTab.emptyTitle')} description={t('tickets.customerTab.empty')} action={newButton} />}
      />
      <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
      <TicketFormDrawer open={creating} customer={customer} onClose={() => setCreating(false)} />
    </div>
  )
}
