import { App, Button, Flex, Form, Input, Segmented, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { useAddComment } from '../hooks/useAddComment'

type Kind = 'public' | 'internal' | 'customer'

/**
 * Write a reply to the customer, an internal note, or log what the customer said on the phone
 * (which reopens a resolved or pending ticket). The box changes colour with the kind, like the log.
 */
export function CommentComposer({ ticketId, closed = false, contactEmail = null }: { ticketId: string; closed?: boolean; contactEmail?: string | null }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ body: string }>()
  const onError = useFormErrorHandler(form)
  const add = useAddComment(ticketId)
  const [chosen, setKind] = useState<Kind>('public')
  // A closed ticket takes internal notes only; the customer gets a new ticket.
  const kind: Kind = closed ? 'internal' : chosen

  const submit = ({ body }: { body: string }) =>
    add.mutate(
      { body: body.trim(), internal: kind === 'internal', fromCustomer: kind === 'customer' },
      {
        onSuccess: () => {
          form.resetFields()
          void message.success(t(kind === 'internal' ? 'tickets.log.noted' : kind === 'customer' ? 'tickets.log.logged' : 'tickets.log.sent'))
        },
        onError,
      },
    )

  const background = kind === 'internal' ? '#fffbeb' : undefined
  return (
    <Form form={form} onFinish={submit} disabled={add.isPending} data-testid="comment-composer" style={{ marginBottom: 20 }}>
      <Segmented<Kind>
        value={kind}
        onChange={setKind}
        style={{ marginBottom: 8 }}
        options={[
          { value: 'public', label: t('tickets.log.public'), disabled: closed },
          { value: 'internal', label: t('tickets.log.internal') },
          { value: 'customer', label: t('tickets.log.customer'), disabled: closed },
        ]}
      />
      <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
        <Input.TextArea
          aria-label={t(`tickets.log.${kind}`)}
          placeholder={t(`tickets.log.placeholder.${kind}`)}
          autoSize={{ minRows: 3, maxRows: 12 }}
          maxLength={20000}
          style={{ background }}
        />
      </Form.Item>
      <Flex justify="space-between" align="center" gap={12}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="composer-mail-hint">
          {kind === 'public'
            ? contactEmail
              ? t('tickets.mail.replyHint', { email: contactEmail })
              : t('tickets.mail.noEmail')
            : kind === 'internal'
              ? t('tickets.mail.internalHint')
              : ''}
        </Typography.Text>
        <Button type="primary" htmlType="submit" loading={add.isPending}>
          {t(`tickets.log.submit.${kind}`)}
        </Button>
      </Flex>
    </Form>
  )
}
