import { DeleteOutlined, PlusOutlined } from '@ant-design/icons'
import { Button, Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { Money } from '../../../components/Money'
import { ProductSelect } from '../../products/components/ProductSelect'
import type { Product } from '../../products/types'
import { emptyLine, lineAmount, type QuoteLineDraft } from '../lines'
import { QuoteLineCell } from './QuoteLineCell'

interface Props {
  lines: QuoteLineDraft[]
  currency: string
  /** Read-only (accepted, rejected, expired): plain text instead of inputs. */
  readOnly: boolean
  disabled?: boolean
  onChange: (lines: QuoteLineDraft[]) => void
}

const fromProduct = (p: Product): Partial<QuoteLineDraft> => ({ productId: p.id, sku: p.sku, description: p.name, unitPrice: p.unitPrice, taxRate: p.taxRate })

/** The quote's lines: a product picker fills SKU, name, price and tax; quantity, discount and tax stay editable. */
export function QuoteLinesTable({ lines, currency, readOnly, disabled, onChange }: Props) {
  const { t } = useTranslation()
  const change = (key: string, patch: Partial<QuoteLineDraft>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)))
  const cell = (field: 'description' | 'quantity' | 'unitPrice' | 'discountPercent' | 'taxRate') => (_: unknown, l: QuoteLineDraft, i: number) =>
    readOnly ? (
      field === 'description' ? l.description : field === 'unitPrice' ? <Money amount={l.unitPrice} currency={currency} /> : `${l[field] ?? ''}${field === 'quantity' ? '' : '%'}`
    ) : (
      <QuoteLineCell line={l} field={field} index={i} disabled={disabled} onChange={change} />
    )
  const columns: TableProps<QuoteLineDraft>['columns'] = [
    {
      key: 'product',
      title: t('quotes.lines.product'),
      width: readOnly ? 120 : 170,
      render: (_, l, i) =>
        readOnly ? (
          <Typography.Text code>{l.sku || '—'}</Typography.Text>
        ) : (
          <ProductSelect
            value={l.productId ?? undefined}
            labelRender={() => l.sku || l.description}
            onPick={(p) => change(l.key, fromProduct(p))}
            disabled={disabled}
            aria-label={`${t('quotes.lines.product')} ${i + 1}`}
            style={{ width: '100%' }}
          />
        ),
    },
    { key: 'description', title: t('quotes.lines.description'), render: cell('description') },
    { key: 'quantity', title: t('quotes.lines.quantity'), width: 84, align: readOnly ? 'right' : undefined, render: cell('quantity') },
    { key: 'unitPrice', title: t('quotes.lines.unitPrice'), width: 124, align: readOnly ? 'right' : undefined, render: cell('unitPrice') },
    { key: 'discountPercent', title: t('quotes.lines.discountPercent'), width: 88, align: readOnly ? 'right' : undefined, render: cell('discountPercent') },
    { key: 'taxRate', title: t('quotes.lines.taxRate'), width: 88, align: readOnly ? 'right' : undefined, render: cell('taxRate') },
    {
      key: 'amount',
      title: t('quotes.lines.amount'),
      width: 124,
      align: 'right',
      render: (_, l) => {
        const amount = lineAmount(l, currency)
        return amount === null ? <Typography.Text type="secondary">—</Typography.Text> : <Money amount={amount} currency={currency} />
      },
    },
    ...(readOnly
      ? []
      : [
          {
            key: 'remove',
            width: 44,
            render: (_: unknown, l: QuoteLineDraft, i: number) => (
              <Button
                type="text"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`${t('quotes.lines.remove')} ${i + 1}`}
                disabled={disabled}
                onClick={() => onChange(lines.filter((x) => x.key !== l.key))}
              />
            ),
          },
        ]),
  ]
  return (
    <div data-testid="quote-lines">
      <Table<QuoteLineDraft>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: readOnly ? 760 : 920 }}
        locale={{ emptyText: t('quotes.lines.empty') }}
      />
      {!readOnly && (
        <Button icon={<PlusOutlined />} onClick={() => onChange([...lines, emptyLine()])} disabled={disabled} style={{ marginTop: 12 }}>
          {t('quotes.lines.add')}
        </Button>
      )}
    </div>
  )
}
