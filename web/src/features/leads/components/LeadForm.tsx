import { Col, Form, Input, InputNumber, Row, Select } from 'antd'
import type { FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../auth/hooks/useAuth'
import { CampaignSelect } from '../../campaigns/components/CampaignSelect'
import { UserSelect } from '../../users/components/UserSelect'
import type { LeadFormValues } from '../form'
import { useLeadDuplicates } from '../hooks/useLeadDuplicates'
import { NEXT_STATUSES, type LeadStatus } from '../types'
import { DuplicateWarning } from '../../../components/DuplicateWarning'
import { useFieldRules } from '../../../hooks/useFieldRules'

interface Props {
  form: FormInstance<LeadFormValues>
  initialValues: LeadFormValues
  /** The lead being edited (not a duplicate of itself). */
  leadId?: string
  /** The status saved now: the form offers it and the steps allowed from it. */
  status?: LeadStatus
  ownerName?: string | null
  onFinish: (values: LeadFormValues) => void
  disabled?: boolean
}

/** A lead's fields, with a warning as soon as e-mail, phone or company match an existing record. */
export function LeadForm({ form, initialValues, leadId, status = 'new', ownerName, onFinish, disabled }: Props) {
  const { t } = useTranslation()
  const rules = useFieldRules()
  const f = (name: string) => t(`leads.fields.${name}`)
  const email = Form.useWatch('email', form)
  const phone = Form.useWatch('phone', form)
  const company = Form.useWatch('company', form)
  const { defaultRegion } = useAuth()
  const duplicates = useLeadDuplicates({ email, phone, company }, defaultRegion, leadId)
  const half = { xs: 24, sm: 12 }

  return (
    <Form<LeadFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={disabled} scrollToFirstError>
      <DuplicateWarning matches={duplicates.data ?? []} />
      <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={200} autoFocus />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="company" label={f('company')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="title" label={f('title')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="email" label={f('email')} rules={rules.email}>
            <Input type="email" maxLength={254} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="phone" label={f('phone')} rules={rules.phone}>
            <Input type="tel" maxLength={40} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="source" label={f('source')}>
            <Input maxLength={100} placeholder={t('leads.sourceHint')} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="campaignId" label={t('campaigns.sourceCampaign')}>
            <CampaignSelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ownerId" label={f('ownerId')}>
            <UserSelect activeOnly knownLabel={ownerName} />
          </Form.Item>
        </Col>
        {status !== 'converted' && (
          <Col {...half}>
            <Form.Item name="status" label={f('status')}>
              <Select options={[status, ...NEXT_STATUSES[status]].map((s) => ({ value: s, label: t(`leads.status.${s}`) }))} />
            </Form.Item>
          </Col>
        )}
        <Col {...half}>
          <Form.Item name="score" label={f('score')}>
            <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="description" label={f('description')}>
        <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10000} />
      </Form.Item>
    </Form>
  )
}
