import { App, Button, Card, Col, Divider, Form, Row, Skeleton, Typography } from 'antd'
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { useFormErrorHandler } from '../../../hooks/useFormErrorHandler'
import { toSlaForm, toSlaInput, type SlaFormValues } from '../form'
import { useSaveSlaSettings } from '../hooks/useSaveSlaSettings'
import { useSlaSettings } from '../hooks/useSlaSettings'
import { SLA_PRIORITIES } from '../types'
import { BusinessHoursFields } from './BusinessHoursFields'
import { DurationInput } from './DurationInput'

/** SLA targets per priority, the "breaching soon" window and optional business hours, saved together. */
export function SlaSettingsCard() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const sla = useSlaSettings()
  const save = useSaveSlaSettings()
  const [form] = Form.useForm<SlaFormValues>()
  const onError = useFormErrorHandler(form)

  useEffect(() => {
    if (sla.data) form.setFieldsValue(toSlaForm(sla.data))
  }, [sla.data, form])

  const required = [{ required: true, message: t('validation.required') }]
  return (
    <Card title={t('serviceSettings.sla.title')} data-testid="sla-settings">
      {sla.isPending ? (
        <Skeleton active />
      ) : sla.error ? (
        <ErrorResult error={sla.error} onRetry={() => void sla.refetch()} />
      ) : (
        <Form<SlaFormValues>
          form={form}
          layout="vertical"
          initialValues={toSlaForm(sla.data)}
          disabled={save.isPending}
          onFinish={(v) => save.mutate(toSlaInput(v), { onSuccess: () => void message.success(t('serviceSettings.sla.saved')), onError })}
        >
          <Typography.Paragraph type="secondary">{t('serviceSettings.sla.explain')}</Typography.Paragraph>
          <Row gutter={[16, 0]} style={{ fontWeight: 500, marginBottom: 8 }}>
            <Col xs={6} />
            <Col xs={9}>{t('serviceSettings.sla.firstResponse')}</Col>
            <Col xs={9}>{t('serviceSettings.sla.resolution')}</Col>
          </Row>
          {SLA_PRIORITIES.map((p) => (
            <Row key={p} gutter={[16, 0]} align="top" data-testid="sla-row" data-priority={p}>
              <Col xs={6} style={{ lineHeight: '32px' }}>
                {t(`tickets.priority.${p}`)}
              </Col>
              <Col xs={9}>
                <Form.Item name={['targets', p, 'firstResponseMinutes']} rules={required}>
                  <DurationInput aria-label={`${t(`tickets.priority.${p}`)} ${t('serviceSettings.sla.firstResponse')}`} />
                </Form.Item>
              </Col>
              <Col xs={9}>
                <Form.Item name={['targets', p, 'resolutionMinutes']} rules={required}>
                  <DurationInput aria-label={`${t(`tickets.priority.${p}`)} ${t('serviceSettings.sla.resolution')}`} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Form.Item name="soonMinutes" label={t('serviceSettings.sla.soon')} extra={t('serviceSettings.sla.soonHint')} rules={required} style={{ maxWidth: 320 }}>
            <DurationInput aria-label={t('serviceSettings.sla.soon')} />
          </Form.Item>
          <Divider orientation="left" plain>
            {t('serviceSettings.hours.title')}
          </Divider>
          <BusinessHoursFields />
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Form>
      )}
    </Card>
  )
}
