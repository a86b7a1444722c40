import { CustomerServiceOutlined, EditOutlined } from '@ant-design/icons'
import { Alert, Button, Card, Col, Flex, Row, Skeleton, Space, Tabs, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useParams } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCanWorkTickets } from '../hooks/useCanWorkTickets'
import { useTicket } from '../hooks/useTicket'
import { CallerCard } from './CallerCard'
import { EditTicketModal } from './EditTicketModal'
import { ProblemCard } from './ProblemCard'
import { ResolutionCard } from './ResolutionCard'
import { TicketMails } from './TicketMails'
import { SlaCard } from './SlaCard'
import { TicketDetails } from './TicketDetails'
import { TicketHistory } from './TicketHistory'
import { TicketLog } from './TicketLog'
import { TicketPriorityTag } from './TicketPriorityTag'
import { TicketStatusActions } from './TicketStatusActions'
import { TicketStatusTag } from './TicketStatusTag'
import { TicketTypeTag } from './TicketTypeTag'

export default function TicketDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const { data: tk, error, isPending, refetch } = useTicket(id)
  const editable = useCanWorkTickets()
  const [tab, setTab] = useState('log')
  const [editing, setEditing] = useState(false)

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />

  return (
    <>
      <PageHeader
        backTo="/tickets"
        title={
          <Space size={12} align="center" wrap>
            <CustomerServiceOutlined style={{ color: '#4f46e5' }} />
            <Typography.Text type="secondary" style={{ fontSize: 'inherit', fontWeight: 500 }} data-testid="ticket-number">
              {tk.number}
            </Typography.Text>
            <span data-testid="ticket-subject">{tk.subject}</span>
          </Space>
        }
        subtitle={
          <Space size={8} wrap>
            <TicketStatusTag status={tk.status} />
            <TicketPriorityTag priority={tk.priority} />
            <TicketTypeTag type={tk.type} />
            {tk.customerId ? (
              <Link to={`/customers/${tk.customerId}`}>{tk.customerName}</Link>
            ) : (
              <Typography.Text type="secondary">{tk.contactName ?? t('tickets.unknownCaller')}</Typography.Text>
            )}
          </Space>
        }
        actions={
          editable ? (
            <>
              {tk.status !== 'closed' && (
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  {t('common.edit')}
                </Button>
              )}
              <TicketStatusActions ticket={tk} />
            </>
          ) : undefined
        }
      />
      {!editable && <Alert type="info" showIcon message={t('tickets.readOnly')} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xxl={7}>
          <Flex vertical gap={16}>
            <Card title={t('tickets.detailsTitle')} size="small">
              <TicketDetails ticket={tk} editable={editable} />
            </Card>
            <SlaCard ticket={tk} />
            <CallerCard ticket={tk} editable={editable} />
            <TicketMails ticket={tk} />
          </Flex>
        </Col>
        <Col xs={24} lg={15} xxl={17}>
          <Flex vertical gap={16}>
            <ProblemCard ticket={tk} />
            <ResolutionCard ticket={tk} />
            <Card styles={{ body: { paddingTop: 4 } }}>
              <Tabs
                activeKey={tab}
                onChange={setTab}
                items={[
                  { key: 'log', label: t('tickets.tabs.log'), children: <TicketLog ticket={tk} editable={editable} /> },
                  { key: 'history', label: t('tickets.tabs.history'), children: <TicketHistory ticket={tk} /> },
                ]}
              />
            </Card>
          </Flex>
        </Col>
      </Row>
      <EditTicketModal open={editing} ticket={tk} onClose={() => setEditing(false)} />
    </>
  )
}
