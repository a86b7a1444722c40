import { SearchOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useQuoteList } from '../hooks/useQuoteList'
import { DEFAULT_SORT, useQuoteListParams } from '../hooks/useQuoteListParams'
import { QUOTE_STATUSES } from '../types'
import { QuoteTable } from './QuoteTable'

/** Every quote the user may see: search by number or customer, filter by status. */
export default function QuotesPage() {
  const { t } = useTranslation()
  const list = useQuoteListParams()
  const pager = useCursorPager(JSON.stringify(list.params))
  const query = useQuoteList({ ...list.params, cursor: pager.cursor })
  const empty = list.hasFilters ? (
    <EmptyState title={t('quotes.noMatchesTitle')} action={<Button onClick={list.clear}>{t('common.clearFilters')}</Button>} />
  ) : (
    <EmptyState title={t('quotes.emptyTitle')} description={t('quotes.empty')} />
  )
  return (
    <>
      <PageHeader title={t('quotes.title')} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <DebouncedInput
            value={list.filters.q}
            onChange={(q) => list.update({ q })}
            prefix={<SearchOutlined />}
            placeholder={t('quotes.searchPlaceholder')}
            aria-label={t('quotes.searchPlaceholder')}
            style={{ width: 260 }}
          />
          <Select
            allowClear
            value={list.filters.status}
            onChange={(status) => list.update({ status })}
            placeholder={t('quotes.fields.status')}
            aria-label={t('quotes.fields.status')}
            options={QUOTE_STATUSES.map((s) => ({ value: s, label: t(`quotes.status.${s}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <QuoteTable
              items={query.data?.items ?? []}
              loading={query.isFetching}
              sort={list.params.sort}
              onSortChange={(sort) => list.update({ sort: sort === DEFAULT_SORT ? undefined : sort })}
              empty={query.isPending ? ' ' : empty}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} limit={list.limit} onLimitChange={(limit) => list.update({ limit })} />
          </>
        )}
      </Card>
    </>
  )
}
