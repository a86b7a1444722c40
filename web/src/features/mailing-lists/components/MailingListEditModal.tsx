import { App, Form, Input, Modal } from 'antd'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useUpdateMailingList } from '../hooks/useUpdateMailingList'
import type { MailingList } from '../types'

interface Values {
  name: string
  description?: string | null
}

/** Rename a list or change its description. */
export function MailingListEditModal({ list, open, onClose }: { list: MailingList; open: boolean; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const update = useUpdateMailingList()

  const submit = (v: Values) =>
    update.mutate(
      { id: list.id, patch: { name: v.name.trim(), description: v.description?.trim() || null, version: list.version } },
      {
        onSuccess: () => {
          message.success(t('mailingLists.saved'))
          onClose()
        },
        onError: (e) => {
          if (isApiError(e) && e.isConflict) {
            message.warning(t('mailingLists.conflict'))
            onClose()
          } else onError(e)
        },
      },
    )

  return (
    <Modal
      open={open}
      title={t('mailingLists.editTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" preserve={false} initialValues={{ name: list.name, description: list.description ?? '' }} onFinish={submit}>
        <Form.Item name="name" label={t('mailingLists.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="description" label={t('mailingLists.fields.description')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
