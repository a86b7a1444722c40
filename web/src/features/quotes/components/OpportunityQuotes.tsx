import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useQuoteList } from '../hooks/useQuoteList'
import { QuoteTable } from './QuoteTable'

/** A deal's quotes, every revision, newest first (a deal has a handful, so one page of 50). */
export function OpportunityQuotes({ opportunityId }: { opportunityId: string }) {
  const { t } = useTranslation()
  const query = useQuoteList({ opportunityId, sort: '-createdAt', limit: 50 } as never)
  if (query.error) return <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
  return (
    <div data-testid="opportunity-quotes">
      <QuoteTable items={query.data?.items ?? []} loading={query.isFetching} hideCustomer empty={query.isPending ? ' ' : <EmptyState title={t('quotes.noneForDeal')} description={t('quotes.noneForDealHint')} />} />
    </div>
  )
}
