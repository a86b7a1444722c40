import { FileTextOutlined } from '@ant-design/icons'
import { Alert, Card, Skeleton, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { Money } from '../../../components/Money'
import { PageHeader } from '../../../components/PageHeader'
import { useQuote } from '../hooks/useQuote'
import { QuoteActions } from './QuoteActions'
import { QuoteDetails } from './QuoteDetails'
import { QuoteEditor } from './QuoteEditor'
import { QuoteNumber } from './QuoteNumber'
import { QuoteRevisions } from './QuoteRevisions'
import { QuoteStatusTag } from './QuoteStatusTag'
import { SendQuoteModal } from './SendQuoteModal'

/** One quote (报价单): its customer, lines with live totals, PDF, send, accept or reject, revisions. */
export default function QuoteDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const { data: q, error, isPending, refetch } = useQuote(id)
  const [sending, setSending] = useState(false)

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />

  return (
    <>
      <PageHeader
        backTo={q.opportunityId ? `/opportunities/${q.opportunityId}` : '/quotes'}
        title={
          <Space size={12} align="center">
            <FileTextOutlined style={{ color: '#4f46e5' }} />
            <span data-testid="quote-number">
              <QuoteNumber quote={q} />
            </span>
          </Space>
        }
        subtitle={
          <Space size={10} wrap>
            <span data-testid="quote-status">
              <QuoteStatusTag status={q.status} />
            </span>
            <Money amount={q.total} currency={q.currency} strong />
            <Link to={`/customers/${q.customerId}`}>{q.customerName}</Link>
          </Space>
        }
        actions={<QuoteActions quote={q} onSend={() => setSending(true)} />}
      />
      {!q.isLatest && (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('quotes.superseded')} data-testid="quote-superseded" />
      )}
      {q.status === 'accepted' && q.orderId && (
        <Alert type="success" showIcon style={{ marginBottom: 16 }} message={<Link to={`/orders/${q.orderId}`}>{t('quotes.acceptedHint')}</Link>} />
      )}
      <Card style={{ marginBottom: 16 }}>
        <QuoteDetails quote={q} />
      </Card>
      <Card title={t('quotes.lines.title')} style={{ marginBottom: 16 }}>
        <QuoteEditor key={q.id} quote={q} />
      </Card>
      <QuoteRevisions quote={q} />
      <SendQuoteModal quote={q} open={sending} onClose={() => setSending(false)} />
    </>
  )
}
