import { CheckOutlined, CloseOutlined, FilePdfOutlined, SendOutlined, ShoppingOutlined } from '@ant-design/icons'
import { App, Button } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { quotesApi } from '../api'
import { useAcceptQuote } from '../hooks/useAcceptQuote'
import { useQuoteErrorText } from '../hooks/useQuoteErrorText'
import { useRejectQuote } from '../hooks/useRejectQuote'
import type { Quote } from '../types'

interface Props {
  quote: Quote
  onSend: () => void
}

/** PDF, send, accept (→ the new order) and reject, each offered only where the status allows it. */
export function QuoteActions({ quote: q, onSend }: Props) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const navigate = useNavigate()
  const errorText = useQuoteErrorText()
  const accept = useAcceptQuote()
  const reject = useRejectQuote()
  const latest = q.isLatest
  const open = latest && (q.status === 'draft' || q.status === 'sent')

  const confirmAccept = () =>
    modal.confirm({
      title: t('quotes.accept.title', { number: q.number }),
      content: t('quotes.accept.body'),
      okText: t('quotes.accept.ok'),
      cancelText: t('common.cancel'),
      onOk: () =>
        accept.mutateAsync(q.id).then(
          (order) => {
            message.success(t('quotes.accept.done', { number: order.number }))
            navigate(`/orders/${order.id}`)
          },
          (e: unknown) => void message.error(errorText(e)),
        ),
    })
  const confirmReject = () =>
    modal.confirm({
      title: t('quotes.reject.title', { number: q.number }),
      content: t('quotes.reject.body'),
      okText: t('quotes.reject.ok'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        reject.mutateAsync(q.id).then(
          () => void message.success(t('quotes.reject.done')),
          (e: unknown) => void message.error(errorText(e)),
        ),
    })

  return (
    <>
      <Button icon={<FilePdfOutlined />} href={quotesApi.pdfUrl(q.id)} target="_blank" rel="noopener" data-testid="quote-pdf">
        {t('quotes.pdf')}
      </Button>
      {q.orderId && (
        <Link to={`/orders/${q.orderId}`}>
          <Button icon={<ShoppingOutlined />}>{t('quotes.viewOrder')}</Button>
        </Link>
      )}
      {open && (
        <Button icon={<CloseOutlined />} onClick={confirmReject}>
          {t('quotes.reject.action')}
        </Button>
      )}
      {open && (
        <Button icon={<CheckOutlined />} onClick={confirmAccept}>
          {t('quotes.accept.action')}
        </Button>
      )}
      {open && (
        <Button type="primary" icon={<SendOutlined />} onClick={onSend}>
          {q.status === 'sent' ? t('quotes.send.again') : t('quotes.send.action')}
        </Button>
      )}
    </>
  )
}
