import { App, Form, Input, Modal } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useCreateTeam } from '../hooks/useCreateTeam'
import { useUpdateTeam } from '../hooks/useUpdateTeam'
import type { Team } from '../types'

interface Props {
  open: boolean
  team?: Team
  onClose: () => void
}

export function TeamFormModal({ open, team, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<{ name: string }>()
  const onError = useFormErrorHandler(form)
  const create = useCreateTeam()
  const update = useUpdateTeam()

  useEffect(() => {
    if (open) form.setFieldsValue({ name: team?.name ?? '' })
  }, [open, team, form])

  const submit = ({ name }: { name: string }) => {
    const done = { onSuccess: () => (message.success(t('teams.saved')), onClose()) }
    if (!team) return create.mutate({ name }, { ...done, onError })
    update.mutate(
      { id: team.id, body: { name, version: team.version } },
      {
        ...done,
        onError: (e) => {
          // Renamed meanwhile by someone else: the list refreshes; show what it is now.
          if (isApiError(e) && e.isConflict) message.warning(t('teams.conflict'))
          else onError(e)
        },
      },
    )
  }

  return (
    <Modal
      open={open}
      title={team ? t('teams.rename') : t('teams.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending || update.isPending}
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="name" label={t('teams.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  )
}
