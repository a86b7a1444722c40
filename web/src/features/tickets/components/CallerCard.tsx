import { UserAddOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Descriptions, Tag, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { PhoneText } from '../../../components/PhoneText'
import type { Ticket } from '../types'
import { MatchCustomerModal } from './MatchCustomerModal'

/** What an unknown caller gave (name, phone, e-mail), with "match to customer" once he is known. */
export function CallerCard({ ticket: tk, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation()
  const [matching, setMatching] = useState(false)
  const unmatched = !tk.customerId
  // Anyone can type a customer's address into the web form: until its owner confirms, the link is a claim.
  const unverified = !unmatched && tk.requesterVerified === false
  if (!unmatched && !tk.contactEmail && !tk.contactPhone) return null
  const f = (k: string) => t(`tickets.fields.${k}`)
  return (
    <Card
      title={
        <>
          {unmatched ? t('tickets.callerTitle') : t('tickets.callerGiven')}
          {unverified && (
            <Tag color="red" bordered={false} style={{ marginInlineStart: 8 }} data-testid="requester-unverified">
              {t('tickets.requesterUnverified')}
            </Tag>
          )}
        </>
      }
      size="small"
      data-testid="caller-card"
      extra={
        unmatched &&
        editable && (
          <Button size="small" type="primary" ghost icon={<UserAddOutlined />} onClick={() => setMatching(true)}>
            {t('tickets.matchCustomer')}
          </Button>
        )
      }
    >
      {unmatched && <Alert type="warning" showIcon message={t('tickets.callerHint')} style={{ marginBottom: 12 }} />}
      {unverified && <Alert type="error" showIcon message={t('tickets.requesterUnverifiedHint')} style={{ marginBottom: 12 }} />}
      <Descriptions
        column={1}
        size="small"
        colon={false}
        styles={{ label: { width: 110, color: 'rgba(0,0,0,0.5)' } }}
        items={[
          { key: 'name', label: f('callerName'), children: tk.contactName ?? <Typography.Text type="secondary">{t('tickets.unknownCaller')}</Typography.Text> },
          ...(tk.contactPhone ? [{ key: 'phone', label: f('callerPhone'), children: <PhoneText value={tk.contactPhone} link /> }] : []),
          ...(tk.contactEmail ? [{ key: 'email', label: f('callerEmail'), children: <a href={`mailto:${tk.contactEmail}`}>{tk.contactEmail}</a> }] : []),
        ]}
      />
      <MatchCustomerModal open={matching} ticket={tk} onClose={() => setMatching(false)} />
    </Card>
  )
}
