import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { App, Button, Flex, Table, Typography } from 'antd'
import type { TableProps } from 'antd'
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

/**
 * The deal's product lines. Amounts shown while editing are a preview (big.js, exact decimals);
 * the deal's amount is what the server computes when the lines are saved.
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
  const cell = (field: 'description' | 'quantity' | 'unitPrice' | 'discountPercent') => (_: unknown, l: LineDraft, i: number) => (
    <LineCell line={l} field={field} index={i} disabled={busy} onChange={change} />
  )
  const columns: TableProps<LineDraft>['columns'] = [
    {
      key: 'product',
      title: t('quotes.lines.product'),
      width: 170,
      // Picking a product fills the line from the catalog; the text and price stay editable.
      render: (_, l, i) => (
        <ProductSelect
          value={l.productId ?? undefined}
          labelRender={(o) => o.label ?? t('products.fromCatalog')}
          onPick={(p) => change(l.key, { productId: p.id, description: p.name, unitPrice: p.unitPrice })}
          disabled={busy}
          aria-label={`${t('quotes.lines.product')} ${i + 1}`}
          style={{ width: '100%' }}
        />
      ),
    },
    { key: 'description', title: t('opportunities.lines.description'), render: cell('description') },
    { key: 'quantity', title: t('opportunities.lines.quantity'), width: 86, render: cell('quantity') },
    { key: 'unitPrice', title: t('opportunities.lines.unitPrice'), width: 120, render: cell('unitPrice') },
    { key: 'discountPercent', title: t('opportunities.lines.discountPercent'), width: 92, render: cell('discountPercent') },
    {
      key: 'amount',
      title: t('opportunities.lines.amount'),
      width: 116,
      align: 'right',
      render: (_, l) => {
        const amount = previewLineAmount(l, o.currency)
        return amount === null ? <Typography.Text type="secondary">—</Typography.Text> : <Money amount={amount} currency={o.currency} />
      },
    },
    {
      key: 'remove',
      width: 40,
      render: (_, l) => (
        <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('opportunities.lines.remove')} disabled={busy} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))} />
      ),
    },
  ]

  return (
    <div data-testid="lines-editor">
      <Table<LineDraft>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: 790 }}
        locale={{ emptyText: t('opportunities.lines.empty') }}
      />
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
