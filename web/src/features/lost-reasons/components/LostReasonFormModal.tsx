import { App, Form, Input, Modal, Switch } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useSaveLostReason } from '../hooks/useSaveLostReason'
import type { LostReason } from '../types'

interface Values {
  labelZh: string
  labelEn: string
  requiresNote: boolean
}

/** Adds a lost reason, or relabels one (with its version: a stale one is refused and reloaded). */
export function LostReasonFormModal({ open, reason, onClose }: { open: boolean; reason?: LostReason; onClose: () => void }) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const save = useSaveLostReason()
  useEffect(() => {
    if (open) form.setFieldsValue(reason ? { labelZh: reason.labelZh, labelEn: reason.labelEn, requiresNote: reason.requiresNote } : { labelZh: '', labelEn: '', requiresNote: false })
  }, [open, reason, form])

  const submit = (v: Values) =>
    save.mutate(
      { id: reason?.id, body: reason ? { ...v, version: reason.version } : v },
      {
        onSuccess: () => {
          message.success(t('lostReasons.saved'))
          onClose()
        },
        onError: (e) => {
          if (isApiError(e) && e.isConflict) {
            message.warning(t('lostReasons.conflict'))
            onClose()
          } else onError(e)
        },
      },
    )

  return (
    <Modal
      open={open}
      title={reason ? t('lostReasons.editTitle') : t('lostReasons.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      destroyOnHidden
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="labelZh" label={t('lostReasons.fields.labelZh')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="labelEn" label={t('lostReasons.fields.labelEn')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="requiresNote" label={t('lostReasons.fields.requiresNote')} valuePropName="checked" extra={t('lostReasons.requiresNoteHint')}>
          <Switch disabled={reason?.key === 'other'} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
