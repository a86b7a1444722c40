import { Button, Flex, Form, Input, Tooltip, Typography } from 'antd'
import type { FormInstance } from 'antd'
import type { TextAreaRef } from 'antd/es/input/TextArea'
import { useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { MERGE_FIELDS } from '../mergeFields'

export interface TemplateValues {
  emailSubject: string
  fromName: string
  emailBody: string
}

interface Props {
  form: FormInstance<TemplateValues>
  initialValues: TemplateValues
  onFinish: (values: TemplateValues) => void
  disabled?: boolean
}

/** Subject, sender name and HTML body, with buttons that insert merge fields where the cursor is. */
export function TemplateEditor({ form, initialValues, onFinish, disabled }: Props) {
  const { t } = useTranslation()
  const body = useRef<TextAreaRef>(null)
  const f = (k: string) => t(`campaigns.fields.${k}`)

  const insert = (field: string) => {
    const token = `{{${field}}}`
    const el = body.current?.resizableTextArea?.textArea
    const text: string = form.getFieldValue('emailBody') ?? ''
    const start = el?.selectionStart ?? text.length
    const end = el?.selectionEnd ?? text.length
    const next = text.slice(0, start) + token + text.slice(end)
    form.setFieldValue('emailBody', next)
    form.setFields([{ name: 'emailBody', errors: [] }])
    // Put the cursor after the inserted field, as typing would.
    requestAnimationFrame(() => {
      el?.focus()
      el?.setSelectionRange(start + token.length, start + token.length)
    })
  }

  return (
    <Form<TemplateValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={disabled} data-testid="template-editor">
      <Form.Item name="emailSubject" label={f('emailSubject')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={300} placeholder={t('campaigns.email.subjectHint', { name: '{{name}}', firstName: '{{firstName}}' })} />
      </Form.Item>
      <Form.Item name="fromName" label={f('fromName')}>
        <Input maxLength={100} placeholder={t('campaigns.email.fromNameHint')} />
      </Form.Item>
      <Flex gap={6} wrap align="center" style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('campaigns.email.insert')}
        </Typography.Text>
        {MERGE_FIELDS.map((m) => (
          <Tooltip key={m} title={t(`campaigns.mergeFields.${m}`)}>
            <Button size="small" onClick={() => insert(m)} data-testid={`merge-${m}`}>
              {`{{${m}}}`}
            </Button>
          </Tooltip>
        ))}
      </Flex>
      <Form.Item name="emailBody" label={f('emailBody')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]} extra={t('campaigns.email.bodyHint')}>
        <Input.TextArea
          ref={body}
          autoSize={{ minRows: 14, maxRows: 30 }}
          spellCheck={false}
          style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 }}
        />
      </Form.Item>
    </Form>
  )
}
