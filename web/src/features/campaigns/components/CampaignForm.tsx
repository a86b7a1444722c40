import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd'
import type { FormInstance } from 'antd'
import { useTranslation } from 'react-i18next'
import { CurrencySelect } from '../../../components/CurrencySelect'
import { MailingListSelect } from '../../mailing-lists/components/MailingListSelect'
import { UserSelect } from '../../users/components/UserSelect'
import type { CampaignFormValues } from '../form'
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES } from '../types'

interface Props {
  form: FormInstance<CampaignFormValues>
  initialValues: CampaignFormValues
  ownerName?: string | null
  onFinish: (values: CampaignFormValues) => void
  disabled?: boolean
}

/** A campaign's details: what, when, how much, whose, and (for e-mail) to which list. */
export function CampaignForm({ form, initialValues, ownerName, onFinish, disabled }: Props) {
  const { t } = useTranslation()
  const f = (name: string) => t(`campaigns.fields.${name}`)
  const type = Form.useWatch('type', form) ?? initialValues.type
  const half = { xs: 24, sm: 12 }
  return (
    <Form<CampaignFormValues> form={form} layout="vertical" initialValues={initialValues} onFinish={onFinish} disabled={disabled} scrollToFirstError>
      <Form.Item name="name" label={f('name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
        <Input maxLength={200} autoFocus />
      </Form.Item>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="type" label={f('type')}>
            <Select options={CAMPAIGN_TYPES.map((v) => ({ value: v, label: t(`campaigns.type.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="status" label={f('status')}>
            <Select options={CAMPAIGN_STATUSES.map((v) => ({ value: v, label: t(`campaigns.status.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item name="dates" label={f('dates')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} placeholder={[f('startDate'), f('endDate')]} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="budget" label={f('budget')}>
            <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="actualCost" label={f('actualCost')}>
            <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={8}>
          <Form.Item name="currency" label={f('currency')} rules={[{ required: true, message: t('validation.required') }]}>
            <CurrencySelect />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ownerId" label={f('ownerId')}>
            <UserSelect activeOnly knownLabel={ownerName} />
          </Form.Item>
        </Col>
        {type === 'email' && (
          <>
            <Col {...half}>
              <Form.Item name="mailingListId" label={f('mailingListId')}>
                <MailingListSelect />
              </Form.Item>
            </Col>
            <Col {...half}>
              <Form.Item name="messagesPerMinute" label={f('messagesPerMinute')} extra={t('campaigns.throttleHint')}>
                <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} addonAfter={t('campaigns.perMinute')} />
              </Form.Item>
            </Col>
          </>
        )}
      </Row>
      <Form.Item name="description" label={f('description')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={10000} />
      </Form.Item>
    </Form>
  )
}
