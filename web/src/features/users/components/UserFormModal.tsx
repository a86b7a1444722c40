import { App, Form, Input, Modal, Select, Switch } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { changedFields } from '../../../lib/forms'
import { isApiError } from '../../../lib/ApiError'
import { LOCALES } from '../../../lib/locale'
import { TeamSelect } from '../../teams/components/TeamSelect'
import { useCreateUser } from '../hooks/useCreateUser'
import { useUpdateUser } from '../hooks/useUpdateUser'
import { ROLES, type Role, type User } from '../types'

interface Values {
  email: string
  name: string
  role: Role
  teamId?: string | null
  active: boolean
  locale?: 'zh-CN' | 'en' | null
  password?: string
}

interface Props {
  open: boolean
  user?: User
  onClose: () => void
}

const fromUser = (u: User): Values => ({ email: u.email, name: u.name, role: u.role, teamId: u.teamId, active: u.active, locale: u.locale })

export function UserFormModal({ open, user, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const create = useCreateUser()
  const update = useUpdateUser()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(user ? fromUser(user) : { role: 'sales', active: true, teamId: null, locale: null })
  }, [open, user, form])

  const submit = (v: Values) => {
    const values = { ...v, teamId: v.teamId ?? null, locale: v.locale ?? null, password: v.password || undefined }
    const done = () => {
      message.success(t('users.saved'))
      onClose()
    }
    if (!user) return create.mutate({ ...values, password: values.password ?? '' }, { onSuccess: done, onError })
    const { password, ...rest } = values
    const changes = changedFields(fromUser(user) as unknown as Record<string, unknown>, rest as unknown as Record<string, unknown>)
    if (Object.keys(changes).length === 0 && !password) return onClose()
    update.mutate(
      { id: user.id, patch: { ...changes, ...(password ? { password } : {}), version: user.version } },
      {
        onSuccess: done,
        onError: (e) => (isApiError(e) && e.isConflict ? message.warning(t('users.conflict')) : onError(e)),
      },
    )
  }

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle', { name: user.name }) : t('users.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('users.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('users.fields.email')} rules={[{ required: true, type: 'email', message: t('validation.email') }]}>
          <Input type="email" maxLength={254} autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('users.fields.role')} extra={t('users.roleHint')}>
          <Select options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
        </Form.Item>
        <Form.Item name="teamId" label={t('users.fields.teamId')}>
          <TeamSelect />
        </Form.Item>
        <Form.Item name="locale" label={t('users.fields.locale')}>
          <Select allowClear placeholder={t('users.localeAuto')} options={LOCALES.map((l) => ({ value: l, label: t(`languages.${l}`) }))} />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t('users.newPassword') : t('users.fields.password')}
          extra={user ? t('users.passwordKeep') : t('validation.passwordHint')}
          rules={[{ required: !user, message: t('validation.required') }, { min: 10, message: t('validation.passwordMin') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="active" label={t('users.fields.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  )
}
