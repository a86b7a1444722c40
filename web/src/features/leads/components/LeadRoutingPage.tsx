import { App, Alert, Button, Card, Form, Skeleton, Switch } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { TeamSelect } from '../../teams/components/TeamSelect'
import { useLeadRouting } from '../hooks/useLeadRouting'
import { useSaveLeadRouting } from '../hooks/useSaveLeadRouting'
import type { LeadRouting } from '../types'

/** Admin: deal new unowned leads round-robin to a team's active sales reps. */
export default function LeadRoutingPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const routing = useLeadRouting()
  const save = useSaveLeadRouting()
  const [form] = Form.useForm<LeadRouting>()
  const onError = useFormErrorHandler(form)
  const enabled = Form.useWatch('enabled', form)

  useEffect(() => {
    if (routing.data) form.setFieldsValue(routing.data)
  }, [routing.data, form])

  const submit = (v: LeadRouting) =>
    save.mutate({ enabled: Boolean(v.enabled), teamId: v.teamId ?? null }, { onSuccess: () => void message.success(t('routing.saved')), onError })

  return (
    <>
      <PageHeader title={t('routing.title')} />
      <Card style={{ maxWidth: 720 }}>
        {routing.isPending ? (
          <Skeleton active />
        ) : routing.error ? (
          <ErrorResult error={routing.error} onRetry={() => void routing.refetch()} />
        ) : (
          <>
            <Alert type="info" showIcon message={t('routing.explain')} style={{ marginBottom: 20 }} />
            <Form<LeadRouting> form={form} layout="vertical" onFinish={submit} disabled={save.isPending}>
              <Form.Item name="enabled" label={t('routing.enabled')} valuePropName="checked">
                <Switch />
              </Form.Item>
              <Form.Item name="teamId" label={t('routing.team')} rules={[{ required: Boolean(enabled), message: t('routing.teamRequired') }]}>
                <TeamSelect style={{ maxWidth: 320 }} />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Form>
          </>
        )}
      </Card>
    </>
  )
}
