import { useTranslation } from 'react-i18next'
import { PageHeader } from '../../../components/PageHeader'
import { StatusFilteredList } from '../../../components/StatusFilteredList'
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
  return (
    <>
      <PageHeader title={t('quotes.title')} />
      <StatusFilteredList ns="quotes" statuses={QUOTE_STATUSES} list={list} pager={pager} query={query} defaultSort={DEFAULT_SORT} table={(p) => <QuoteTable {...p} />} />
    </>
  )
}
