import { DeleteOutlined, EditOutlined, SwapOutlined } from '@ant-design/icons'
import { Button, Card, Col, Flex, Row, Skeleton, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { ActivityFeed } from '../../activities/components/ActivityFeed'
import { PrivacyActions } from '../../privacy/components/PrivacyActions'
import { useConfirmDeleteLead } from '../hooks/useConfirmDeleteLead'
import { useLead } from '../hooks/useLead'
import { ConvertedLeadAlert } from './ConvertedLeadAlert'
import { ConvertLeadModal } from './ConvertLeadModal'
import { LeadDetails } from './LeadDetails'
import { LeadFormDrawer } from './LeadFormDrawer'
import { LeadStatusActions } from './LeadStatusActions'
import { LeadStatusTag } from './LeadStatusTag'

export default function LeadDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const { data: lead, error, isPending, refetch } = useLead(id)
  const confirmDelete = useConfirmDeleteLead()
  const [editing, setEditing] = useState(false)
  const [converting, setConverting] = useState(false)

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />
  const converted = lead.status === 'converted'

  return (
    <>
      <PageHeader
        backTo="/leads"
        title={<span data-testid="lead-name">{lead.name}</span>}
        subtitle={
          <Space size={8} wrap>
            <LeadStatusTag status={lead.status} />
            {lead.company && <Typography.Text type="secondary">{lead.company}</Typography.Text>}
          </Space>
        }
        actions={
          <>
            {!converted && (
              <Button type="primary" icon={<SwapOutlined />} onClick={() => setConverting(true)}>
                {t('leads.convert.action')}
              </Button>
            )}
            {!converted && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            <PrivacyActions kind="lead" record={lead} />
            <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(lead, () => navigate('/leads'))}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <ConvertedLeadAlert lead={lead} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xxl={7}>
          <Card title={t('leads.detailsTitle')}>
            {!converted && (
              <Flex vertical gap={6} style={{ marginBottom: 16 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('leads.nextStep')}
                </Typography.Text>
                <LeadStatusActions lead={lead} />
              </Flex>
            )}
            <LeadDetails lead={lead} />
          </Card>
        </Col>
        <Col xs={24} lg={15} xxl={17}>
          <Card title={t('leads.activitiesTitle')}>
            <ActivityFeed filter={{ leadId: lead.id }} />
          </Card>
        </Col>
      </Row>
      <LeadFormDrawer open={editing} lead={lead} onClose={() => setEditing(false)} />
      <ConvertLeadModal open={converting} lead={lead} onClose={() => setConverting(false)} />
    </>
  )
}
