import { Button, Flex, Skeleton, Timeline } from 'antd'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useConfirmDeleteActivity } from '../hooks/useConfirmDeleteActivity'
import { useCustomerTimeline } from '../hooks/useCustomerTimeline'
import { useToggleTask } from '../hooks/useToggleTask'
import { ActivityComposer } from './ActivityComposer'
import { TimelineEntry } from './TimelineEntry'
import { TimelineIcon } from './TimelineIcon'

/** Everything that happened with a customer, newest first, with the activity composer on top. */
export function CustomerTimeline({ customerId }: { customerId: string }) {
  const { t } = useTranslation()
  const timeline = useCustomerTimeline(customerId)
  const { toggle, pendingId } = useToggleTask()
  const confirmDelete = useConfirmDeleteActivity()
  const items = timeline.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <div style={{ paddingTop: 8 }}>
      <ActivityComposer links={{ customerId }} />
      {timeline.isPending ? (
        <Skeleton active />
      ) : timeline.error ? (
        <ErrorResult error={timeline.error} onRetry={() => void timeline.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('timeline.emptyTitle')} description={t('timeline.empty')} />
      ) : (
        <>
          <Timeline
            data-testid="customer-timeline"
            style={{ paddingTop: 8, paddingInlineStart: 4 }}
            items={items.map((item) => ({
              key: item.id,
              dot: <TimelineIcon item={item} />,
              children: (
                <div data-testid="timeline-item" data-kind={item.kind} style={{ paddingInlineStart: 8, paddingBottom: 4 }}>
                  <TimelineEntry item={item} toggling={pendingId === item.activity?.id} onToggle={toggle} onDelete={confirmDelete} />
                </div>
              ),
            }))}
          />
          {timeline.hasNextPage && (
            <Flex justify="center">
              <Button onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </div>
  )
}
