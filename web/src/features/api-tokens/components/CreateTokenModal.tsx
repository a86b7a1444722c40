import { DatePicker, Form, Input, Modal } from 'antd'
import type { Dayjs } from 'dayjs'
import dayjs from 'dayjs'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { useCreateApiToken } from '../hooks/useCreateApiToken'
import type { ApiTokenCreate, ApiTokenCreated } from '../types'
import { ScopePicker } from '../../security/components/ScopePicker'
import { scopesOf, type Access, type ModuleAccess, type ScopeModule } from '../../security/scopes'

interface Props {
  open: boolean
  onClose: () => void
  onCreated: (created: ApiTokenCreated) => void
}

export function CreateTokenModal({ open, onClose, onCreated }: Props) {
  const { t } = useTranslation()
  const [form] = Form.useForm<{ name: string; expiresAt?: Dayjs | null; access: Access; modules?: Partial<Record<ScopeModule, ModuleAccess>> }>()
  const onError = useFormErrorHandler(form)
  const create = useCreateApiToken()

  return (
    <Modal
      open={open}
      title={t('tokens.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('tokens.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      afterClose={() => form.resetFields()}
      forceRender
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          const scopes = scopesOf(v.access, v.modules ?? {})
          if (!scopes.length) return form.setFields([{ name: 'access', errors: [t('security.scopes.pickOne')] }])
          create.mutate(
            { name: v.name, expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null, scopes: scopes as ApiTokenCreate['scopes'] },
            { onSuccess: (created) => onCreated(created), onError },
          )
        }}
      >
        <Form.Item name="name" label={t('tokens.fields.name')} extra={t('tokens.nameHint')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
        <Form.Item name="expiresAt" label={t('tokens.fields.expiresAt')} extra={t('tokens.expiresHint')}>
          <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
        </Form.Item>
        <ScopePicker />
      </Form>
    </Modal>
  )
}
