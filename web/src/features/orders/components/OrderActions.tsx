import { ArrowRightOutlined, StopOutlined } from '@ant-design/icons'
import { App, Button } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { isApiError } from '../../../lib/ApiError'
import { useQuoteErrorText } from '../../quotes/hooks/useQuoteErrorText'
import { useUpdateOrder } from '../hooks/useUpdateOrder'
import { canCancel, nextStatus, type Order, type OrderPatch, type OrderStatus } from '../types'
import { ShipDateModal } from './ShipDateModal'

/** The next step of the order (shipping asks for the date) and cancelling, with confirmation. */
export function OrderActions({ order: o }: { order: Order }) {
  const { t } = useTranslation()
  const { modal, message } = App.useApp()
  const errorText = useQuoteErrorText()
  const update = useUpdateOrder()
  const [shipping, setShipping] = useState(false)
  const next = nextStatus(o.status)

  const change = (status: OrderStatus, extra: Partial<OrderPatch> = {}) =>
    update.mutateAsync({ id: o.id, patch: { status, ...extra, version: o.version } as OrderPatch }).then(
      (n) => {
        setShipping(false)
        void message.success(t('orders.changed', { number: n.number, status: t(`orders.status.${n.status}`) }))
      },
      (e: unknown) => {
        if (isApiError(e) && e.isConflict) void message.warning(t('orders.conflict'))
        else void message.error(errorText(e))
      },
    )

  return (
    <>
      {canCancel(o.status) && (
        <Button
          danger
          icon={<StopOutlined />}
          onClick={() =>
            modal.confirm({
              title: t('orders.cancel.title', { number: o.number }),
              content: t('orders.cancel.body'),
              okText: t('orders.cancel.ok'),
              okButtonProps: { danger: true },
              cancelText: t('common.back'),
              onOk: () => change('cancelled'),
            })
          }
        >
          {t('orders.cancel.action')}
        </Button>
      )}
      {next && (
        <Button type="primary" icon={<ArrowRightOutlined />} loading={update.isPending} onClick={() => (next === 'shipped' ? setShipping(true) : void change(next))}>
          {t(`orders.advance.${next}`)}
        </Button>
      )}
      <ShipDateModal open={shipping} initial={o.shipDate} busy={update.isPending} onCancel={() => setShipping(false)} onOk={(shipDate) => void change('shipped', { shipDate })} />
    </>
  )
}
