import { App, Button, Card, Form, Input, Radio, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'
import { PageHeader } from '../../../components/PageHeader'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { useServerMessage } from '../../../hooks/useServerMessage'
import { isApiError } from '../../../lib/ApiError'
import { useCreateMailingList } from '../hooks/useCreateMailingList'
import { rowErrorsOf, toDraft, toFilter, type SegmentDraft } from '../segment'
import type { ListKind } from '../types'
import { SegmentEditor } from './SegmentEditor'

interface Values {
  name: string
  description?: string
  kind: ListKind
}

/** A new static list (members are added on its page) or a dynamic segment built here with a live count. */
export default function MailingListNewPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const serverMessage = useServerMessage()
  const create = useCreateMailingList()
  const kind = Form.useWatch('kind', form) ?? (search.get('kind') === 'static' ? 'static' : 'dynamic')
  const [draft, setDraft] = useState<SegmentDraft>(() => toDraft(null))
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({})

  const submit = (v: Values) => {
    const body = { name: v.name.trim(), kind: v.kind, description: v.description?.trim() || null, ...(v.kind === 'dynamic' ? { filter: toFilter(draft) } : {}) }
    create.mutate(body, {
      onSuccess: (list) => {
        message.success(t('mailingLists.created', { name: list.name }))
        navigate(`/mailing-lists/${list.id}`)
      },
      onError: (e) => {
        const rows = isApiError(e) ? rowErrorsOf(e.errors, serverMessage) : {}
        setRowErrors(rows)
        if (Object.keys(rows).length === 0) onError(e)
      },
    })
  }

  return (
    <>
      <PageHeader
        backTo="/mailing-lists"
        title={t('mailingLists.new')}
        actions={
          <Space>
            <Button onClick={() => navigate('/mailing-lists')}>{t('common.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('common.save')}
            </Button>
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Form<Values> form={form} layout="vertical" initialValues={{ kind, name: '' }} onFinish={submit} disabled={create.isPending} style={{ maxWidth: 640 }}>
          <Form.Item name="name" label={t('mailingLists.fields.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input maxLength={200} autoFocus />
          </Form.Item>
          <Form.Item name="kind" label={t('mailingLists.fields.kind')} extra={t(`mailingLists.kindHint.${kind}`)}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'dynamic', label: t('mailingLists.kind.dynamic') },
                { value: 'static', label: t('mailingLists.kind.static') },
              ]}
            />
          </Form.Item>
          <Form.Item name="description" label={t('mailingLists.fields.description')}>
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
          </Form.Item>
        </Form>
      </Card>
      {kind === 'dynamic' && (
        <Card title={t('mailingLists.segment.title')}>
          <SegmentEditor
            draft={draft}
            onChange={(d) => {
              setDraft(d)
              setRowErrors({})
            }}
            saveErrors={rowErrors}
          />
        </Card>
      )}
    </>
  )
}
