import { PlusOutlined } from '@ant-design/icons'
import { Button, Flex } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useOpportunityList } from '../hooks/useOpportunityList'
import { OpportunityFormDrawer } from './OpportunityFormDrawer'
import { OpportunityTable } from './OpportunityTable'

/** A customer's deals, with "New opportunity" for him. */
export function CustomerOpportunities({ customer }: { customer: { id: string; name: string } }) {
  const { t } = useTranslation()
  const pager = useCursorPager(customer.id)
  const query = useOpportunityList({ customerId: customer.id, sort: '-createdAt', limit: 20, cursor: pager.cursor })
  const [creating, setCreating] = useState(false)
  const newButton = (
    <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('opportunities.new')}
    </Button>
  )
  if (query.error) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
  const items = query.data?.items ?? []
  return (
    <>
      {items.length > 0 && (
        <Flex justify="flex-end" style={{ marginBottom: 12 }}>
          {newButton}
        </Flex>
      )}
      <OpportunityTable
        items={items}
        loading={query.isFetching}
        hideCustomer
        empty={query.isPending ? ' ' : <EmptyState title={t('opportunities.noneYetTitle')} description={t('opportunities.noneYet')} action={newButton} />}
      />
      <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
      <OpportunityFormDrawer open={creating} customer={customer} onClose={() => setCreating(false)} />
    </>
  )
}
