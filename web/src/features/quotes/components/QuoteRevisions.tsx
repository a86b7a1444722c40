import { Card, Table } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { Money } from '../../../components/Money'
import { useQuoteList } from '../hooks/useQuoteList'
import type { Quote } from '../types'
import { QuoteNumber } from './QuoteNumber'
import { QuoteStatusTag } from './QuoteStatusTag'

/** Every revision of this quote number, newest first; each stays readable. */
export function QuoteRevisions({ quote: q }: { quote: Quote }) {
  const { t } = useTranslation()
  const { data, isFetching } = useQuoteList({ number: q.number, sort: '-revision', limit: 50 } as never)
  const items = data?.items ?? []
  if (items.length < 2) return null
  return (
    <Card title={t('quotes.revisions')} data-testid="quote-revisions" styles={{ body: { padding: 0 } }}>
      <Table<Quote>
        rowKey="id"
        size="small"
        loading={isFetching}
        pagination={false}
        dataSource={items}
        scroll={{ x: 560 }}
        rowClassName={(r) => (r.id === q.id ? 'ant-table-row-selected' : '')}
        columns={[
          { key: 'number', title: t('quotes.fields.number'), render: (_, r) => (r.id === q.id ? <QuoteNumber quote={r} /> : <Link to={`/quotes/${r.id}`}><QuoteNumber quote={r} /></Link>) },
          { key: 'status', title: t('quotes.fields.status'), width: 100, render: (_, r) => <QuoteStatusTag status={r.status} /> },
          { key: 'total', title: t('quotes.fields.total'), width: 140, align: 'right', render: (_, r) => <Money amount={r.total} currency={r.currency} /> },
          { key: 'createdAt', title: t('quotes.fields.createdAt'), width: 150, render: (_, r) => <DateTime value={r.createdAt} /> },
        ]}
      />
    </Card>
  )
}
