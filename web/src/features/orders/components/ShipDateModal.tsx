import { DatePicker, Form, Modal } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'

interface Props {
  open: boolean
  initial: string | null
  busy: boolean
  onOk: (shipDate: string) => void
  onCancel: () => void
}

/** Asks for the ship date when an order is marked shipped (today by default). */
export function ShipDateModal({ open, initial, busy, onOk, onCancel }: Props) {
  const { t } = useTranslation()
  const [value, setValue] = useState<Dayjs | null>(null)
  useEffect(() => {
    if (open) setValue(initial ? dayjs(initial) : dayjs())
  }, [open, initial])
  return (
    <Modal
      open={open}
      title={t('orders.ship.title')}
      okText={t('orders.ship.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !value }}
      onOk={() => value && onOk(value.format('YYYY-MM-DD'))}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('orders.fields.shipDate')} htmlFor="order-ship-date">
          <DatePicker id="order-ship-date" value={value} onChange={setValue} allowClear={false} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
