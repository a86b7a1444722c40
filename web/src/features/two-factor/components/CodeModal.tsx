import { Form, Input, Modal, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { CodeInput } from './CodeInput'

interface Props {
  title: string
  help: string
  withPassword?: boolean
  pending: boolean
  onCancel: () => void
  onSubmit: (values: { code: string; password?: string }, onError: (e: unknown) => void) => void
}

/** Asks for a current code (and, to turn 2FA off, the password) before a change to the second factor. */
export function CodeModal({ title, help, withPassword = false, pending, onCancel, onSubmit }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ code: string; password?: string }>()
  const onError = useFormErrorHandler(form)
  return (
    <Modal open title={title} onCancel={onCancel} onOk={() => form.submit()} confirmLoading={pending} okText={t('common.save')} destroyOnHidden>
      <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => onSubmit(v, onError)}>
        {withPassword && (
          <Form.Item name="password" label={t('twoFactor.password')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Form.Item name="code" label={t('twoFactor.code')} rules={[{ required: true, message: t('validation.required') }]}>
          <CodeInput autoFocus={!withPassword} recovery={withPassword} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
