import { Button, Flex, Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { AuditTimeline } from '../../audit/components/AuditTimeline'
import { useCustomerFieldDisplay } from '../hooks/useCustomerFieldDisplay'
import { useCustomerHistory } from '../hooks/useCustomerHistory'

export function CustomerHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const display = useCustomerFieldDisplay()
  const history = useCustomerHistory(customerId)
  if (history.isPending) return <Skeleton active />
  if (history.error) return <ErrorResult error={history.error} onRetry={() => void history.refetch()} />
  const entries = history.data.pages.flatMap((p) => p.items)
  if (entries.length === 0) return <EmptyState title={t('history.empty')} />
  return (
    <div style={{ paddingTop: 8 }}>
      <AuditTimeline entries={entries} display={display} />
      {history.hasNextPage && (
        <Flex justify="center">
          <Button onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Flex>
      )}
    </div>
  )
}
