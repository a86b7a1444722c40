import { App, Button, Form, Input, Select } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { LOCALES, storeLocale, type AppLocale } from '../../../lib/locale'
import { useAuth } from '../../auth/hooks/useAuth'
import { useUpdateProfile } from '../../auth/hooks/useUpdateProfile'
import { useCompanyLocale } from '../../company/hooks/useCompanyLocale'
import { TimeZoneSelect } from '../../service-settings/components/TimeZoneSelect'

interface Values {
  name: string
  locale: AppLocale | null
  timeZone: string | null
}

export function ProfileForm() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const { user } = useAuth()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const update = useUpdateProfile()
  const company = useCompanyLocale()

  const submit = (v: Values) =>
    update.mutate(
      { name: v.name, locale: v.locale, timeZone: v.timeZone ?? null },
      {
        onSuccess: () => {
          if (v.locale) storeLocale(v.locale)
          message.success(t('settings.profileSaved'))
        },
        onError,
      },
    )

  return (
    <Form<Values> form={form} layout="vertical" initialValues={{ name: user.name, locale: user.locale, timeZone: user.timeZone }} onFinish={submit} style={{ maxWidth: 420 }}>
      <Form.Item label={t('users.fields.email')}>
        <Input value={user.email} disabled />
      </Form.Item>
      <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="locale" label={t('settings.language')}>
        <Select allowClear placeholder={t('users.localeAuto')} options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
      </Form.Item>
      <Form.Item name="timeZone" label={t('timeZone.label')} extra={t('timeZone.hint')}>
        <TimeZoneSelect allowClear aria-label={t('timeZone.label')} placeholder={t('timeZone.companyDefault', { zone: company.timeZone })} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={update.isPending}>
        {t('common.save')}
      </Button>
    </Form>
  )
}
