import { Col, DatePicker, Form, Input, InputNumber, Row } from 'antd'
import type { FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import { CurrencySelect } from '../../../components/CurrencySelect'
import { ContactSelect } from '../../contacts/components/ContactSelect'
import { CustomerSelect } from '../../customers/components/CustomerSelect'
import { StageSelect } from '../../pipeline-stages/components/StageSelect'
import { useStageLabels } from '../../pipeline-stages/hooks/useStageLabels'
import { CampaignSelect } from '../../campaigns/components/CampaignSelect'
import { UserSelect } from '../../users/components/UserSelect'
import type { OpportunityFormValues } from '../form'
import { LostReasonFields } from '../../lost-reasons/components/LostReasonFields'

interface Props {
  form: FormInstance<OpportunityFormValues>
  initialValues: OpportunityFormValues
  /** The amount is the sum of the lines: shown, not edited. */
  hasLines?: boolean
  customerName?: string
  ownerName?: string | null
  /** The customer is given (creating from a customer's page). */
  fixedCustomer?: boolean
  onFinish: (values: OpportunityFormValues) => void
  disabled?: boolean
}

/** A deal's fields; the server validates again and its field errors land under the same fields. */
export function OpportunityForm({ form, initialValues, hasLines, customerName, ownerName, fixedCustomer, onFinish, disabled }: Props) {
  const { t } = useTranslation()
  const { byKey } = useStageLabels()
  const f = (name: string) => t(`opportunities.fields.${name}`)
  const customerId = Form.useWatch('customerId', form)
  const stage = Form.useWatch('stage', form)
  const isLost = stage ? byKey.get(stage)?.kind === 'lost' : false
  const half = { xs: 24, sm: 12 }

  return (
    <Form<OpportunityFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      disabled={disabled}
      scrollToFirstError
      onValuesChange={(changed: Partial<OpportunityFormValues>) => {
        // A new stage brings its default probability; a new customer, a fresh contact choice.
        if (changed.stage && byKey.get(changed.stage)) form.setFieldValue('probability', byKey.get(changed.stage)!.probability)
        if ('customerId' in changed) form.setFieldValue('contactId', null)
      }}
    >
      <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={200} autoFocus />
      </Form.Item>
      <Form.Item name="customerId" label={f('customerId')} hidden={fixedCustomer} rules={[{ required: true, message: t('validation.required') }]}>
        <CustomerSelect knownLabel={customerName} />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="contactId" label={f('contactId')}>
            <ContactSelect customerId={customerId} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ownerId" label={f('ownerId')}>
            <UserSelect activeOnly knownLabel={ownerName} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="stage" label={f('stage')} extra={!initialValues.stage && t('opportunities.stageDefault')}>
            <StageSelect allowClear={!initialValues.stage} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="probability" label={f('probability')}>
            <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="amount" label={f('amount')} extra={hasLines && t('opportunities.amountFromLines')}>
            <InputNumber<string> stringMode min="0" precision={2} disabled={hasLines} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="currency" label={f('currency')} rules={[{ required: true, message: t('validation.required') }]}>
            <CurrencySelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="expectedCloseDate" label={f('expectedCloseDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="campaignId" label={t('campaigns.sourceCampaign')}>
            <CampaignSelect />
          </Form.Item>
        </Col>
      </Row>
      {isLost && <LostReasonFields keep={initialValues.lostReasonId} />}
    </Form>
  )
}
