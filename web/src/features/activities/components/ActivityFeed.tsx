import { Button, Divider, Flex, Skeleton } from 'antd'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useActivityFeed } from '../hooks/useActivityFeed'
import { useConfirmDeleteActivity } from '../hooks/useConfirmDeleteActivity'
import { useToggleTask } from '../hooks/useToggleTask'
import type { ActivityLinks } from '../types'
import { ActivityComposer } from './ActivityComposer'
import { ActivityItem } from './ActivityItem'

interface Props {
  /** Filter of the list (e.g. {leadId}). */
  filter: { leadId?: string; opportunityId?: string; contactId?: string; customerId?: string }
  /** Records a newly logged activity is linked to; defaults to `filter`. */
  links?: ActivityLinks
}

/** The composer plus the activities of one record, newest first. */
export function ActivityFeed({ filter, links }: Props) {
  const { t } = useTranslation()
  const feed = useActivityFeed(filter)
  const { toggle, pendingId } = useToggleTask()
  const confirmDelete = useConfirmDeleteActivity()
  const items = feed.data?.pages.flatMap((p) => p.items) ?? []

  return (
    <div data-testid="activity-feed">
      <ActivityComposer links={links ?? filter} />
      {feed.isPending ? (
        <Skeleton active />
      ) : feed.error ? (
        <ErrorResult error={feed.error} onRetry={() => void feed.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title={t('activities.emptyTitle')} description={t('activities.empty')} />
      ) : (
        <>
          {items.map((a, i) => (
            <Fragment key={a.id}>
              {i > 0 && <Divider style={{ margin: '12px 0' }} />}
              <ActivityItem activity={a} toggling={pendingId === a.id} onToggle={toggle} onDelete={confirmDelete} />
            </Fragment>
          ))}
          {feed.hasNextPage && (
            <Flex justify="center" style={{ marginTop: 16 }}>
              <Button onClick={() => void feed.fetchNextPage()} loading={feed.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Flex>
          )}
        </>
      )}
    </div>
  )
}
