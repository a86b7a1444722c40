import { DeleteOutlined, EditOutlined } from '@ant-design/icons'
import { Button, Card, Skeleton, Space, Tabs } from 'antd'
import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams, useSearchParams } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCampaign } from '../hooks/useCampaign'
import { useConfirmDeleteCampaign } from '../hooks/useConfirmDeleteCampaign'
import type { Campaign } from '../types'
import { CampaignDetails } from './CampaignDetails'
import { CampaignEmailTab } from './CampaignEmailTab'
import { CampaignFormDrawer } from './CampaignFormDrawer'
import { CampaignStatsPanel } from './CampaignStatsPanel'
import { CampaignStatusTag } from './CampaignStatusTag'
import { CampaignTypeTag } from './CampaignTypeTag'
import { SendStatusTag } from './SendStatusTag'

type Tab = 'email' | 'results' | 'details'
const defaultTab = (c: Campaign): Tab => (c.type !== 'email' ? 'results' : c.sendStatus === 'draft' ? 'email' : 'results')

export default function CampaignDetailPage() {
  const { t } = useTranslation()
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const [search, setSearch] = useSearchParams()
  const { data: campaign, error, isPending, refetch } = useCampaign(id)
  const confirmDelete = useConfirmDeleteCampaign()
  const [editing, setEditing] = useState(false)
  // The tab opened by default is chosen once: a send finishing must not switch the tab under the user.
  const opened = useRef<Tab | null>(null)

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />
  opened.current ??= defaultTab(campaign)
  const asked = (search.get('tab') as Tab | null) ?? opened.current
  const tab: Tab = asked === 'email' && campaign.type !== 'email' ? 'results' : asked
  const items = [
    ...(campaign.type === 'email' ? [{ key: 'email', label: t('campaigns.tabs.email'), children: <CampaignEmailTab campaign={campaign} /> }] : []),
    { key: 'results', label: t('campaigns.tabs.results'), children: <CampaignStatsPanel campaign={campaign} /> },
    { key: 'details', label: t('campaigns.tabs.details'), children: <CampaignDetails campaign={campaign} /> },
  ]

  return (
    <>
      <PageHeader
        backTo="/campaigns"
        title={<span data-testid="campaign-name">{campaign.name}</span>}
        subtitle={
          <Space size={4} wrap>
            <CampaignTypeTag type={campaign.type} />
            <CampaignStatusTag status={campaign.status} />
            {campaign.type === 'email' && <SendStatusTag status={campaign.sendStatus} />}
          </Space>
        }
        actions={
          <>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(campaign, () => navigate('/campaigns'))}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setSearch({ tab: k }, { replace: true })}
          items={items}
          destroyOnHidden={false}
        />
      </Card>
      <CampaignFormDrawer open={editing} campaign={campaign} onClose={() => setEditing(false)} />
    </>
  )
}
