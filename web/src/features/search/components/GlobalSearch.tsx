import type { ReactNode } from 'react'
import { AimOutlined, CustomerServiceOutlined, FundOutlined, SearchOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons'
import { AutoComplete, Flex, Input, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate } from 'react-router'
import { formatPhone } from '../../../lib/phone'
import { useAuth } from '../../auth/hooks/useAuth'
import type { SearchHit } from '../api'
import { hitPath } from '../hitPath'
import { useGlobalSearch } from '../hooks/useGlobalSearch'

const KINDS: SearchHit['kind'][] = ['customer', 'contact', 'lead', 'opportunity', 'ticket']

const ICONS: Record<SearchHit['kind'], ReactNode> = {
  customer: <TeamOutlined style={{ color: '#6366f1' }} />,
  contact: <UserOutlined style={{ color: '#0ea5e9' }} />,
  lead: <AimOutlined style={{ color: '#f59e0b' }} />,
  opportunity: <FundOutlined style={{ color: '#10b981' }} />,
  ticket: <CustomerServiceOutlined style={{ color: '#ef4444' }} />,
}

const E164 = /\+\d{7,15}/g

function HitLabel({ hit }: { hit: SearchHit }) {
  const { defaultRegion } = useAuth()
  const subtitle = hit.subtitle?.replace(E164, (n) => formatPhone(n, defaultRegion))
  return (
    <Flex gap={10} align="center" style={{ minWidth: 0 }}>
      {ICONS[hit.kind]}
      <div style={{ minWidth: 0 }}>
        <Typography.Text ellipsis style={{ display: 'block' }}>
          {hit.title}
        </Typography.Text>
        {subtitle && (
          <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
            {subtitle}
          </Typography.Text>
        )}
      </div>
    </Flex>
  )
}

/** The header's search across customers, contacts, leads and deals; Enter opens the first hit. */
export function GlobalSearch({ width = 360 }: { width?: number | string }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [text, setText] = useState('')
  const { data, isFetching, settled, q } = useGlobalSearch(text)
  const hits = q ? (data?.items ?? []) : []

  const options = KINDS.map((kind) => ({
    label: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`search.groups.${kind}`)}</Typography.Text>,
    options: hits
      .filter((h) => h.kind === kind)
      .map((h) => ({ value: `${h.kind}:${h.id}`, label: <HitLabel hit={h} />, 'data-testid': 'search-hit' })),
  })).filter((g) => g.options.length > 0)

  const empty = text.trim() && settled && !isFetching && hits.length === 0
  return (
    <AutoComplete
      value={text}
      options={options}
      onSearch={setText}
      onChange={(v: string) => !v && setText('')}
      onSelect={(value: string) => {
        const [kind, id] = value.split(':') as [SearchHit['kind'], string]
        setText('')
        navigate(hitPath({ kind, id }))
      }}
      defaultActiveFirstOption
      notFoundContent={empty ? <Typography.Text type="secondary">{t('search.none')}</Typography.Text> : null}
      style={{ width, maxWidth: '100%' }}
      popupMatchSelectWidth={Math.max(typeof width === 'number' ? width : 320, 320)}
    >
      <Input
        prefix={<SearchOutlined style={{ color: 'rgba(0,0,0,0.35)' }} />}
        placeholder={t('search.placeholder')}
        aria-label={t('search.placeholder')}
        data-testid="global-search"
        variant="filled"
      />
    </AutoComplete>
  )
}
