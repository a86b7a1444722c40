import { Card, Divider, Tabs } from 'antd'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useActivityList } from '../hooks/useActivityList'
import { useConfirmDeleteActivity } from '../hooks/useConfirmDeleteActivity'
import { useToggleTask } from '../hooks/useToggleTask'
import { DUE_BUCKETS, type DueBucket } from '../types'
import { ActivityComposer } from './ActivityComposer'
import { ActivityItem } from './ActivityItem'

const isBucket = (v: string | null): v is DueBucket => (DUE_BUCKETS as readonly string[]).includes(v ?? '')

function TaskList({ due }: { due: DueBucket }) {
  const { t } = useTranslation()
  // Undated tasks have no due date to sort by: the newest first.
  const sort = due === 'none' ? '-createdAt' : due === 'overdue' ? '-dueAt' : 'dueAt'
  const params = { mine: true, type: 'task' as const, open: true, due, sort, limit: 20 }
  const pager = useCursorPager(due)
  const query = useActivityList({ ...params, cursor: pager.cursor })
  const { toggle, pendingId } = useToggleTask()
  const confirmDelete = useConfirmDeleteActivity()
  if (query.error) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
  const items = query.data?.items ?? []
  return (
    <div data-testid={`tasks-${due}`}>
      {!query.isPending && items.length === 0 && <EmptyState title={t(`tasks.empty.${due}`)} />}
      {items.map((a, i) => (
        <Fragment key={a.id}>
          {i > 0 && <Divider style={{ margin: '12px 0' }} />}
          <ActivityItem activity={a} showLinks toggling={pendingId === a.id} onToggle={toggle} onDelete={confirmDelete} />
        </Fragment>
      ))}
      <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
    </div>
  )
}

/** The signed-in user's open tasks: due today, overdue, upcoming (days in the user's own time zone, else the company's: the server counts them), and those without a due date. */
export default function MyTasksPage() {
  const { t } = useTranslation()
  const [search, setSearch] = useSearchParams()
  const tab = isBucket(search.get('due')) ? (search.get('due') as DueBucket) : 'today'
  return (
    <>
      <PageHeader title={t('tasks.title')} subtitle={t('tasks.subtitle')} />
      <Card>
        <ActivityComposer links={{}} types={['task']} />
        <Tabs
          activeKey={tab}
          onChange={(k) => setSearch(k === 'today' ? {} : { due: k }, { replace: true })}
          destroyOnHidden
          items={DUE_BUCKETS.map((due) => ({ key: due, label: t(`tasks.tabs.${due}`), children: <TaskList due={due} /> }))}
        />
      </Card>
    </>
  )
}
