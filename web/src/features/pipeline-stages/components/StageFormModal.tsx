import { App, Form, Input, InputNumber, Modal, Radio } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { isApiError } from '../../../lib/ApiError'
import { useCreateStage } from '../hooks/useCreateStage'
import { useUpdateStage } from '../hooks/useUpdateStage'
import { STAGE_KINDS, type Stage, type StageKind } from '../types'

interface Values {
  key: string
  name: string
  nameEn?: string | null
  probability: number
  kind: StageKind
}

interface Props {
  open: boolean
  /** The stage to edit; absent = a new one. */
  stage?: Stage
  onClose: () => void
}

/** Add or edit a stage: its key (fixed once created), names in both languages, probability and kind. */
export function StageFormModal({ open, stage, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const create = useCreateStage()
  const update = useUpdateStage()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(stage ? { key: stage.key, name: stage.name, nameEn: stage.nameEn, probability: stage.probability, kind: stage.kind } : { key: '', name: '', nameEn: '', probability: 10, kind: 'open' })
  }, [open, stage, form])

  const done = () => {
    message.success(t('stages.saved'))
    onClose()
  }
  const submit = (v: Values) => {
    const nameEn = v.nameEn?.trim() ? v.nameEn.trim() : null
    if (!stage) {
      create.mutate({ key: v.key.trim(), name: v.name.trim(), nameEn, probability: v.probability, kind: v.kind }, { onSuccess: done, onError })
      return
    }
    update.mutate(
      { key: stage.key, patch: { version: stage.version, name: v.name.trim(), nameEn, probability: v.probability, kind: v.kind } },
      {
        onSuccess: done,
        onError: (e) => {
          if (isApiError(e) && e.isConflict) {
            message.warning(t('stages.conflict'))
            onClose()
          } else onError(e)
        },
      },
    )
  }

  const busy = create.isPending || update.isPending
  const f = (k: string) => t(`stages.fields.${k}`)
  return (
    <Modal
      open={open}
      title={stage ? t('stages.editTitle') : t('stages.new')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      forceRender
    >
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={busy}>
        <Form.Item
          name="key"
          label={f('key')}
          extra={!stage && t('stages.keyHint')}
          rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('stages.keyHint') }]}
        >
          <Input maxLength={40} disabled={Boolean(stage)} />
        </Form.Item>
        <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="nameEn" label={f('nameEn')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="probability" label={f('probability')} rules={[{ required: true, message: t('validation.required') }]}>
          <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="kind" label={f('kind')} extra={t('stages.kindHint')}>
          <Radio.Group optionType="button" options={STAGE_KINDS.map((k) => ({ value: k, label: t(`stages.kind.${k}`) }))} />
        </Form.Item>
      </Form>
    </Modal>
  )
}
