import { SearchOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Select } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from './CursorPager'
import { DebouncedInput } from './DebouncedInput'
import { EmptyState } from './EmptyState'
import { ErrorResult } from './ErrorResult'
import type { useCursorPager } from '../hooks/useCursorPager'

interface ListState<S extends string> {
  filters: { q: string; status?: S }
  params: { sort?: string }
  limit: number
  hasFilters: boolean
  clear: () => void
  update: (patch: { q?: string; status?: S; sort?: string; limit?: number }) => void
}

interface Props<S extends string, T> {
  /** i18n prefix of the feature: `${ns}.searchPlaceholder`, `${ns}.status.${s}`, `${ns}.emptyTitle`… */
  ns: string
  statuses: readonly S[]
  list: ListState<S>
  pager: ReturnType<typeof useCursorPager>
  query: { data?: { items: T[]; nextCursor: string | null }; error: unknown; isFetching: boolean; isPending: boolean; refetch: () => unknown }
  defaultSort: string
  table: (props: { items: T[]; loading: boolean; sort?: string; onSortChange: (sort: string | undefined) => void; empty: ReactNode }) => ReactNode
}

/** A searchable list with a status filter, its table, an empty state and the cursor pager (quotes, orders). */
export function StatusFilteredList<S extends string, T>({ ns, statuses, list, pager, query, defaultSort, table }: Props<S, T>) {
  const { t } = useTranslation()
  const empty = list.hasFilters ? (
    <EmptyState title={t(`${ns}.noMatchesTitle`)} action={<Button onClick={list.clear}>{t('common.clearFilters')}</Button>} />
  ) : (
    <EmptyState title={t(`${ns}.emptyTitle`)} description={t(`${ns}.empty`)} />
  )
  return (
    <Card>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <DebouncedInput
          value={list.filters.q}
          onChange={(q) => list.update({ q })}
          prefix={<SearchOutlined />}
          placeholder={t(`${ns}.searchPlaceholder`)}
          aria-label={t(`${ns}.searchPlaceholder`)}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          value={list.filters.status}
          onChange={(status) => list.update({ status })}
          placeholder={t(`${ns}.fields.status`)}
          aria-label={t(`${ns}.fields.status`)}
          options={statuses.map((s) => ({ value: s, label: t(`${ns}.status.${s}`) }))}
          style={{ width: 140 }}
        />
      </Flex>
      {query.error ? (
        <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {table({
            items: query.data?.items ?? [],
            loading: query.isFetching,
            sort: list.params.sort,
            onSortChange: (sort) => list.update({ sort: sort === defaultSort ? undefined : sort }),
            empty: query.isPending ? ' ' : empty,
          })}
          <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} limit={list.limit} onLimitChange={(limit) => list.update({ limit })} />
        </>
      )}
    </Card>
  )
}
