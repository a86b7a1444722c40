import { App, Button, Form, Input } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useChangePassword } from '../../auth/hooks/useChangePassword'

interface Values {
  currentPassword: string
  newPassword: string
  confirm: string
}

export function PasswordForm() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const change = useChangePassword()

  const submit = ({ currentPassword, newPassword }: Values) =>
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          form.resetFields()
          message.success(t('settings.passwordChanged'))
        },
        onError: (e) =>
          isApiError(e) && (e.code === 'INVALID_CREDENTIALS' || (e.status === 400 && e.errors.some((x) => x.path === 'currentPassword')))
            ? form.setFields([{ name: 'currentPassword', errors: [t('settings.wrongPassword')] }])
            : onError(e),
      },
    )

  return (
    <Form<Values> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 420 }}>
      <Form.Item name="currentPassword" label={t('settings.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('settings.newPassword')} extra={t('validation.passwordHint')} rules={[{ required: true, min: 10, message: t('validation.passwordMin') }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('setup.confirmPassword')}
        dependencies={['newPassword']}
        rules={[
          { required: true, message: t('validation.required') },
          ({ getFieldValue }) => ({
            validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('validation.passwordMismatch')))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('settings.changePassword')}
      </Button>
    </Form>
  )
}
