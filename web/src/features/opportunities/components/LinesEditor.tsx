import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Flex, Typography } from 'antd'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Money } from '../../../components/Money'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { formatMoney } from '../../../lib/money'
import { ProductSelect } from '../../products/components/ProductSelect'
import { useUpdateOpportunity } from '../hooks/useUpdateOpportunity'
import { emptyLine, linesChanged, previewLineAmount, previewTotal, toDraft, toLineInputs, type LineDraft } from '../lines'
import { opportunityKeys, type Opportunity } from '../types'
import { LineCell } from './LineCell'
import './LinesEditor.css'

/**
 * The deal's product lines: a grid that is one row per line on wide screens, two rows per line in
 * the deal's tab at 1280–1599 px and one card per line on a phone (LinesEditor.css). Amounts shown
 * while editing are a preview (big.js, exact decimals); the deal's amount is what the server
 * computes when the lines are saved.
 */
export function LinesEditor({ opportunity: o }: { opportunity: Opportunity }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const notifyError = useNotifyError()
  const update = useUpdateOpportunity()
  const saved = useMemo(() => o.lines.map(toDraft), [o.lines])
  const [lines, setLines] = useState<LineDraft[]>(saved)
  useEffect(() => setLines(saved), [saved])

  const dirty = linesChanged(lines, saved)
  const total = previewTotal(lines, o.currency)
  const complete = lines.every((l) => l.description.trim()) && total !== null
  const change = (key: string, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)))

  const save = () =>
    update.mutate(
      { id: o.id, patch: { lines: toLineInputs(lines), version: o.version } },
      {
        onSuccess: (next) => void message.success(t('opportunities.lines.saved', { amount: formatMoney(next.amount, next.currency) })),
        onError: (e) => {
          if (isApiError(e) && e.isConflict) {
            void message.warning(t('opportunities.conflictReloaded'))
            void queryClient.invalidateQueries({ queryKey: opportunityKeys.detail(o.id) })
          } else notifyError(e)
        },
      },
    )

  const busy = update.isPending
  const cell = (l: LineDraft, i: number, field: 'description' | 'quantity' | 'unitPrice' | 'discountPercent', area: string) => (
    <div className="kith-lines__cell" style={{ gridArea: area }}>
      <span className="kith-lines__label">{t(`opportunities.lines.head.${field}`)}</span>
      <LineCell line={l} field={field} index={i} currency={o.currency} disabled={busy} onChange={change} />
    </div>
  )
  const head = (key: string, area: string, right = false) => (
    <div key={key} style={{ gridArea: area }} className={right ? 'kith-lines__right' : undefined}>
      {t(`opportunities.lines.head.${key}`)}
    </div>
  )

  return (
    <div data-testid="lines-editor" className="kith-lines">
      <div className="kith-lines__head" role="row">
        {head('product', 'product')}
        {head('description', 'desc')}
        {head('quantity', 'qty', true)}
        {head('unitPrice', 'price', true)}
        {head('discountPercent', 'disc', true)}
        {head('amount', 'amount', true)}
      </div>
      {lines.length === 0 && <div className="kith-lines__empty">{t('opportunities.lines.empty')}</div>}
      {lines.map((l, i) => {
        const amount = previewLineAmount(l, o.currency)
        return (
          <div key={l.key} className="kith-lines__row" data-testid="line-row">
            <span className="kith-lines__num" style={{ gridArea: 'num' }}>
              {t('opportunities.lines.number', { n: i + 1 })}
            </span>
            <div className="kith-lines__cell" style={{ gridArea: 'product' }}>
              <span className="kith-lines__label">{t('opportunities.lines.head.product')}</span>
              {/* Picking a product fills the line from the catalog; the text and price stay editable. */}
              <ProductSelect
                value={l.productId ?? undefined}
                labelRender={(p) => p.label ?? t('products.fromCatalog')}
                onPick={(p) => change(l.key, { productId: p.id, description: p.name, unitPrice: p.unitPrice })}
                disabled={busy}
                aria-label={`${t('quotes.lines.product')} ${i + 1}`}
                style={{ width: '100%' }}
              />
            </div>
            {cell(l, i, 'description', 'desc')}
            {cell(l, i, 'quantity', 'qty')}
            {cell(l, i, 'unitPrice', 'price')}
            {cell(l, i, 'discountPercent', 'disc')}
            <div className="kith-lines__cell kith-lines__amount" style={{ gridArea: 'amount' }} data-testid="line-amount">
              <span className="kith-lines__label">{t('opportunities.lines.head.amount')}</span>
              {amount === null ? <Typography.Text type="secondary">—</Typography.Text> : <Money amount={amount} currency={o.currency} strong />}
            </div>
            <div className="kith-lines__rm" style={{ gridArea: 'rm' }}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={`${t('opportunities.lines.remove')} ${i + 1}`} disabled={busy} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))} />
            </div>
          </div>
        )
      })}
      <Flex justify="space-between" align="flex-start" gap={12} wrap style={{ marginTop: 12 }}>
        <Button icon={<PlusOutlined />} onClick={() => setLines((ls) => [...ls, emptyLine()])} disabled={busy}>
          {t('opportunities.lines.add')}
        </Button>
        <Flex vertical align="flex-end" gap={4}>
          <span>
            {t('opportunities.lines.previewTotal')}{' '}
            {total === null ? <Typography.Text type="secondary">—</Typography.Text> : <Money amount={total} currency={o.currency} strong />}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('opportunities.lines.savedAmount')} <Money amount={o.amount} currency={o.currency} />
          </Typography.Text>
          <Flex gap={8} style={{ marginTop: 4 }}>
            <Button onClick={() => setLines(saved)} disabled={!dirty || busy}>
              {t('opportunities.lines.reset')}
            </Button>
            <Button type="primary" onClick={save} disabled={!dirty || !complete} loading={busy}>
              {t('opportunities.lines.save')}
            </Button>
          </Flex>
        </Flex>
      </Flex>
    </div>
  )
}
