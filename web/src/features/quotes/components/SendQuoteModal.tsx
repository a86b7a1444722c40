import { PaperClipOutlined } from '@ant-design/icons'
import { Alert, App, Form, Input, Modal, Typography } from 'antd'
import i18n from 'i18next'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useAuth } from '../../auth/hooks/useAuth'
import { useCompanyProfile } from '../../company/hooks/useCompanyProfile'
import { useQuoteErrorText } from '../hooks/useQuoteErrorText'
import { useSendQuote } from '../hooks/useSendQuote'
import { defaultMail } from '../mailText'
import type { Quote } from '../types'

interface Values {
  to: string
  subject: string
  message: string
}

/**
 * 发送给客户: the quote PDF by e-mail. Recipient from the contact (else the customer), subject and
 * message prefilled in the quote's language (the customer's) and editable. A failed send (no SMTP
 * set up, the mail server refusing or timing out) stays in the dialog with the reason, ready to retry.
 */
export function SendQuoteModal({ quote: q, open, onClose }: { quote: Quote; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { user } = useAuth()
  const [form] = Form.useForm<Values>()
  const onFieldError = useFormErrorHandler(form)
  const errorText = useQuoteErrorText()
  const send = useSendQuote()
  const company = useCompanyProfile()
  const [failure, setFailure] = useState<unknown>(null)
  const ready = !company.isPending

  useEffect(() => {
    if (!open) {
      setFailure(null)
      send.reset()
    } else if (ready) {
      // The quote's language may not be the UI's: its strings load on demand (app/i18n.ts).
      void i18n.loadLanguages(q.language).then(() =>
        form.setFieldsValue({ to: q.contactEmail || q.customerEmail || '', ...defaultMail(q, company.data?.name || user.name) }),
      )
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fill once per opening, when the data is there
  }, [open, ready])

  const submit = (v: Values) => {
    setFailure(null)
    send.mutate(
      { id: q.id, body: { to: v.to.trim(), subject: v.subject.trim(), message: v.message } },
      {
        onSuccess: () => {
          message.success(t('quotes.send.sent', { to: v.to.trim() }))
          onClose()
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 400 && e.errors.length) onFieldError(e)
          else setFailure(e)
        },
      },
    )
  }

  return (
    <Modal
      open={open}
      title={t('quotes.send.title', { number: q.number })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={failure ? t('quotes.send.retry') : t('quotes.send.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={send.isPending}
      okButtonProps={{ disabled: !ready }}
      width={620}
      forceRender
    >
      {failure !== null && (
        <Alert type="error" showIcon message={t('quotes.send.failed')} description={errorText(failure)} style={{ marginBottom: 16 }} data-testid="send-error" />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={send.isPending || !ready}>
        <Form.Item name="to" label={t('quotes.send.to')} rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}>
          <Input type="email" maxLength={254} autoFocus />
        </Form.Item>
        <Form.Item name="subject" label={t('quotes.send.subject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="message" label={t('quotes.send.message')}>
          <Input.TextArea autoSize={{ minRows: 6, maxRows: 14 }} maxLength={10000} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">
        <PaperClipOutlined /> {t('quotes.send.attachment', { file: `${q.number}${q.revision > 1 ? `-rev${q.revision}` : ''}.pdf` })}{' '}
        {t('quotes.send.languageHint', { language: t(`quotes.languages.${q.language}`) })}
      </Typography.Text>
    </Modal>
  )
}
