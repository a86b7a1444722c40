import { App, Button, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { LOCALES, storeLocale, type AppLocale } from '../../../lib/locale'
import { useAuth } from '../../auth/hooks/useAuth'
import { useUpdateProfile } from '../../auth/hooks/useUpdateProfile'

interface Values {
  name: string
  locale: AppLocale | null
}

export function ProfileForm() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { user } = useAuth()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const update = useUpdateProfile()

  const submit = (v: Values) =>
    update.mutate(
      { name: v.name, locale: v.locale },
      {
        onSuccess: () => {
          if (v.locale) storeLocale(v.locale)
          message.success(t('settings.profileSaved'))
        },
        onError,
      },
    )

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ name: user.name, locale: user.locale }} onFinish={submit} style={{ maxWidth: 420 }}>
      <Form.Item label={t('users.fields.email')}>
        <Input value={user.email} disabled />
      </Form.Item>
      <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="locale" label={t('settings.language')}>
        <Select allowClear placeholder={t('users.localeAuto')} options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  )
}
