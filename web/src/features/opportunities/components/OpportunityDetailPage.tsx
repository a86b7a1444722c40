import { DeleteOutlined, EditOutlined, FundOutlined } from '@ant-design/icons'
import { Button, Card, Col, Row, Skeleton, Space, Tabs, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { Money } from '../../../components/Money'
import { PageHeader } from '../../../components/PageHeader'
import { ActivityFeed } from '../../activities/components/ActivityFeed'
import { StageTag } from '../../pipeline-stages/components/StageTag'
import { useStageLabels } from '../../pipeline-stages/hooks/useStageLabels'
import { GenerateQuoteButton } from '../../quotes/components/GenerateQuoteButton'
import { OpportunityQuotes } from '../../quotes/components/OpportunityQuotes'
import { useConfirmDeleteOpportunity } from '../hooks/useConfirmDeleteOpportunity'
import { useOpportunity } from '../hooks/useOpportunity'
import { LinesEditor } from './LinesEditor'
import { OpportunityDetails } from './OpportunityDetails'
import { OpportunityFormDrawer } from './OpportunityFormDrawer'
import { OpportunityHistory } from './OpportunityHistory'
import { StageSteps } from './StageSteps'

export default function OpportunityDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const { data: o, error, isPending, refetch } = useOpportunity(id)
  const confirmDelete = useConfirmDeleteOpportunity()
  const [editing, setEditing] = useState(false)
  const [tab, setTab] = useState('activities')
  const { byKey: stageByKey } = useStageLabels()

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />

  return (
    <>
      <PageHeader
        backTo="/opportunities/board"
        title={
          <Space size={12} align="center">
            <FundOutlined style={{ color: '#4f46e5' }} />
            <span data-testid="opportunity-name">{o.name}</span>
          </Space>
        }
        subtitle={
          <Space size={10} wrap>
            <StageTag stage={o.stage} />
            <Money amount={o.amount} currency={o.currency} strong />
            <Typography.Text type="secondary">
              <Link to={`/customers/${o.customerId}`}>{o.customerName}</Link>
            </Typography.Text>
          </Space>
        }
        actions={
          <>
            <GenerateQuoteButton opportunity={o} lost={stageByKey.get(o.stage)?.kind === 'lost'} />
            <Button icon={<EditOutlined />} type="primary" onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(o, () => navigate('/opportunities/board'))}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <StageSteps opportunity={o} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xxl={7}>
          <Card title={t('opportunities.detailsTitle')}>
            <OpportunityDetails opportunity={o} />
          </Card>
        </Col>
        <Col xs={24} lg={15} xxl={17}>
          <Card styles={{ body: { paddingTop: 4 } }}>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                { key: 'activities', label: t('opportunities.tabs.activities'), children: <ActivityFeed filter={{ opportunityId: o.id }} links={{ opportunityId: o.id, customerId: o.customerId, contactId: o.contactId }} /> },
                { key: 'lines', label: t('opportunities.tabs.lines'), children: <LinesEditor opportunity={o} /> },
                { key: 'quotes', label: t('quotes.title'), children: <OpportunityQuotes opportunityId={o.id} /> },
                { key: 'history', label: t('opportunities.tabs.history'), children: <OpportunityHistory opportunity={o} /> },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <OpportunityFormDrawer open={editing} opportunity={o} onClose={() => setEditing(false)} />
    </>
  )
}
