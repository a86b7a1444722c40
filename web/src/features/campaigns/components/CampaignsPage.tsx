import { PlusOutlined } from '@ant-design/icons'
import { Button, Card, Flex, Input, Select, Tabs } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSearchParams } from 'react-router'
import { CursorPager } from '../../../components/CursorPager'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { useCampaignComparison } from '../hooks/useCampaignComparison'
import { useCampaignList } from '../hooks/useCampaignList'
import { CAMPAIGN_STATUSES, CAMPAIGN_TYPES, type CampaignStatus, type CampaignType } from '../types'
import { CampaignComparisonTable } from './CampaignComparisonTable'
import { CampaignFormDrawer } from './CampaignFormDrawer'
import { CampaignTable } from './CampaignTable'

const LIMIT = 20

/** Campaigns with their type, status, dates, budget and owner; and their results side by side. */
export default function CampaignsPage() {
  const { t } = useTranslation()
  const [search, setSearch] = useSearchParams()
  const tab = search.get('view') === 'compare' ? 'compare' : 'list'
  const [text, setText] = useState('')
  const [type, setType] = useState<CampaignType>()
  const [status, setStatus] = useState<CampaignStatus>()
  const q = useDebouncedValue(text.trim(), 300)
  const params = { q: q || undefined, type, status, limit: LIMIT }
  const pager = useCursorPager(JSON.stringify(params))
  const query = useCampaignList({ ...params, cursor: pager.cursor })
  const items = query.data?.items ?? []
  const comparison = useCampaignComparison(
    items.map((c) => c.id),
    tab === 'compare',
  )
  const [creating, setCreating] = useState(false)

  const newButton = (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('campaigns.new')}
    </Button>
  )
  const filtered = Boolean(q || type || status)
  const empty = query.isPending ? (
    ' '
  ) : filtered ? (
    <EmptyState title={t('campaigns.noMatchesTitle')} />
  ) : (
    <EmptyState title={t('campaigns.emptyTitle')} description={t('campaigns.empty')} action={newButton} />
  )

  return (
    <>
      <PageHeader title={t('campaigns.title')} actions={newButton} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 8 }}>
          <Input.Search allowClear placeholder={t('campaigns.searchPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} style={{ maxWidth: 300 }} />
          <Select<CampaignType>
            allowClear
            placeholder={t('campaigns.fields.type')}
            value={type}
            onChange={setType}
            options={CAMPAIGN_TYPES.map((v) => ({ value: v, label: t(`campaigns.type.${v}`) }))}
            style={{ width: 140 }}
          />
          <Select<CampaignStatus>
            allowClear
            placeholder={t('campaigns.fields.status')}
            value={status}
            onChange={setStatus}
            options={CAMPAIGN_STATUSES.map((v) => ({ value: v, label: t(`campaigns.status.${v}`) }))}
            style={{ width: 140 }}
          />
        </Flex>
        <Tabs
          activeKey={tab}
          onChange={(k) => setSearch((prev) => {
            const next = new URLSearchParams(prev)
            if (k === 'compare') next.set('view', 'compare')
            else next.delete('view')
            return next
          }, { replace: true })}
          items={[
            { key: 'list', label: t('campaigns.tabs.list') },
            { key: 'compare', label: t('campaigns.tabs.compare') },
          ]}
        />
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : tab === 'list' ? (
          <CampaignTable items={items} loading={query.isFetching} empty={empty} />
        ) : comparison.error ? (
          <ErrorResult error={comparison.error} onRetry={() => void comparison.refetch()} />
        ) : (
          <CampaignComparisonTable rows={comparison.data?.items ?? []} loading={query.isFetching || comparison.isFetching} />
        )}
        <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
      </Card>
      <CampaignFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  )
}
