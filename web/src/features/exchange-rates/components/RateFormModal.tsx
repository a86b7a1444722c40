import { App, AutoComplete, DatePicker, Form, Input, Modal } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { applyFieldErrors } from '../../../lib/forms'
import { isApiError } from '../../../lib/ApiError'
import { COMMON_CURRENCIES, currencyName } from '../../../lib/money'
import { useRateMutations } from '../hooks/useExchangeRates'
import { useRateMessage } from '../hooks/useRateMessage'
import type { ExchangeRate } from '../types'

interface Values {
  currency: string
  rate: string
  effectiveDate: Dayjs
}

/** Add or change one rate: 1 unit of the currency = rate units of the company currency, from a date on. */
export function RateFormModal({ open, rate, base, onClose }: { open: boolean; rate?: ExchangeRate; base: string; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const notify = useNotifyError()
  const rateMessage = useRateMessage()
  const onError = (e: unknown) => {
    if (!applyFieldErrors(form, e, rateMessage)) notify(e)
  }
  const { create, update } = useRateMutations()
  const currency = Form.useWatch('currency', form)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(rate ? { currency: rate.currency, rate: rate.rate, effectiveDate: dayjs(rate.effectiveDate) } : { currency: base === 'USD' ? 'EUR' : 'USD', rate: '', effectiveDate: dayjs() })
  }, [open, rate, base, form])

  const done = () => {
    message.success(t('rates.saved'))
    onClose()
  }
  const submit = (v: Values) => {
    const body = { currency: v.currency.trim().toUpperCase(), rate: v.rate.trim(), effectiveDate: v.effectiveDate.format('YYYY-MM-DD') }
    if (!rate) return create.mutate(body, { onSuccess: done, onError })
    update.mutate(
      { id: rate.id, patch: { version: rate.version, ...body } },
      {
        onSuccess: done,
        onError: (e) => {
          if (isApiError(e) && e.isConflict) {
            message.warning(t('rates.conflict'))
            onClose()
          } else onError(e)
        },
      },
    )
  }
  const busy = create.isPending || update.isPending
  const code = (currency ?? '').toUpperCase()
  return (
    <Modal open={open} title={rate ? t('rates.editTitle') : t('rates.new')} onCancel={onClose} onOk={() => form.submit()} okText={t('common.save')} cancelText={t('common.cancel')} confirmLoading={busy} forceRender>
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={busy} data-testid="rate-form">
        <Form.Item name="currency" label={t('rates.fields.currency')} rules={[{ required: true, pattern: /^[A-Za-z]{3}$/, message: t('rates.currencyHint') }]}>
          <AutoComplete
            options={COMMON_CURRENCIES.filter((c) => c !== base).map((c) => ({ value: c, label: `${c} · ${currencyName(c)}` }))}
            filterOption={(input, o) => String(o?.value ?? '').toLowerCase().includes(input.toLowerCase())}
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item
          name="rate"
          label={t('rates.fields.rate')}
          extra={/^[A-Z]{3}$/.test(code) ? t('rates.rateHint', { currency: code, base }) : undefined}
          rules={[{ required: true, pattern: /^\d{1,10}(\.\d{1,10})?$/, message: t('rates.rateFormat') }]}
        >
          <Input addonBefore={/^[A-Z]{3}$/.test(code) ? `1 ${code} =` : undefined} addonAfter={base} style={{ width: 320 }} inputMode="decimal" />
        </Form.Item>
        <Form.Item name="effectiveDate" label={t('rates.fields.effectiveDate')} extra={t('rates.dateHint')} rules={[{ required: true, message: t('validation.required') }]}>
          <DatePicker allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
