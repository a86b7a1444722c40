import { FileAddOutlined } from '@ant-design/icons'
import { App, Button, Tooltip } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { useGenerateQuote } from '../hooks/useGenerateQuote'
import { useQuoteErrorText } from '../hooks/useQuoteErrorText'

interface Props {
  opportunity: { id: string; lines: unknown[] }
  /** A lost deal cannot be quoted (the server refuses with 409 too). */
  lost: boolean
}

/** 生成报价单: one click copies the deal's lines, customer, contact and currency into a draft quote. */
export function GenerateQuoteButton({ opportunity, lost }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const errorText = useQuoteErrorText()
  const generate = useGenerateQuote()
  const why = lost ? t('quotes.generate.lost') : opportunity.lines.length === 0 ? t('quotes.generate.noLines') : null
  const button = (
    <Button
      icon={<FileAddOutlined />}
      loading={generate.isPending}
      disabled={lost}
      onClick={() =>
        generate.mutate(opportunity.id, {
          onSuccess: (q) => {
            message.success(t('quotes.generate.done', { number: q.number }))
            navigate(`/quotes/${q.id}`)
          },
          onError: (e) => void message.error(errorText(e)),
        })
      }
    >
      {t('quotes.generate.action')}
    </Button>
  )
  return why ? <Tooltip title={why}>{button}</Tooltip> : button
}
