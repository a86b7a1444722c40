import { Button, DatePicker, Flex, Form, Input, Segmented } from 'antd'
import type { Dayjs } from 'dayjs'
import dayjs from 'dayjs'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { useCreateActivity } from '../hooks/useCreateActivity'
import { ACTIVITY_TYPES, type ActivityLinks, type ActivityType } from '../types'
import { activityIcon } from './ActivityTypeIcon'

interface Values {
  subject: string
  body?: string
  dueAt?: Dayjs | null
}

/** "Log activity": a call, meeting, e-mail, note or task on the records in `links`. */
export function ActivityComposer({ links, types = ACTIVITY_TYPES }: { links: ActivityLinks; types?: ActivityType[] }) {
  const { t } = useTranslation()
  const [form] = Form.useForm<Values>()
  const onError = useFormErrorHandler(form)
  const create = useCreateActivity()
  const [type, setType] = useState<ActivityType>(types[0] ?? 'call')
  const isTask = type === 'task'

  const submit = (v: Values) =>
    create.mutate(
      {
        type,
        subject: v.subject.trim(),
        body: v.body?.trim() || null,
        dueAt: isTask && v.dueAt ? v.dueAt.toISOString() : null,
        ...links,
      },
      { onSuccess: () => form.resetFields(), onError },
    )

  const presets = [
    { label: t('activities.due.todayEnd'), value: dayjs().hour(18).minute(0).second(0) },
    { label: t('activities.due.tomorrow'), value: dayjs().add(1, 'day').hour(9).minute(0).second(0) },
    { label: t('activities.due.nextWeek'), value: dayjs().add(7, 'day').hour(9).minute(0).second(0) },
  ]

  return (
    <div data-testid="activity-composer" style={{ background: '#fafafb', border: '1px solid #eef0f4', borderRadius: 8, padding: 12, marginBottom: 16 }}>
      {types.length > 1 && (
      <Segmented<ActivityType>
        value={type}
        onChange={setType}
        size="small"
        options={types.map((v) => ({ value: v, icon: activityIcon(v), label: t(`activities.type.${v}`) }))}
        style={{ marginBottom: 10 }}
        aria-label={t('activities.fields.type')}
      />
      )}
      <Form<Values> form={form} layout="vertical" onFinish={submit} disabled={create.isPending} requiredMark={false}>
        <Form.Item name="subject" rules={[{ required: true, whitespace: true, message: t('validation.required') }]} style={{ marginBottom: 8 }}>
          <Input maxLength={300} placeholder={t(`activities.subjectPlaceholder.${type}`)} aria-label={t('activities.fields.subject')} />
        </Form.Item>
        <Form.Item name="body" style={{ marginBottom: 8 }}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} placeholder={t('activities.bodyPlaceholder')} aria-label={t('activities.fields.body')} />
        </Form.Item>
        <Flex gap={8} justify="space-between" align="center" wrap>
          {isTask ? (
            <Form.Item name="dueAt" style={{ marginBottom: 0 }}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" presets={presets} placeholder={t('activities.fields.dueAt')} aria-label={t('activities.fields.dueAt')} />
            </Form.Item>
          ) : (
            <span />
          )}
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            {isTask ? t('activities.addTask') : t('activities.log')}
          </Button>
        </Flex>
      </Form>
    </div>
  )
}
