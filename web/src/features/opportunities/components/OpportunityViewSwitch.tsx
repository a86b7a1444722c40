import { AppstoreOutlined, UnorderedListOutlined } from '@ant-design/icons'
import { Segmented } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNavigate, useSearchParams } from 'react-router'

const SHARED = ['ownerId', 'teamId', 'closeMonth'] as const

/** List ↔ board; the filters both views share come along. */
export function OpportunityViewSwitch({ current }: { current: 'list' | 'board' }) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const [search] = useSearchParams()
  const go = (view: 'list' | 'board') => {
    const keep = new URLSearchParams()
    for (const k of SHARED) if (search.get(k)) keep.set(k, search.get(k)!)
    const qs = keep.toString() ? `?${keep.toString()}` : ''
    navigate(`${view === 'board' ? '/opportunities/board' : '/opportunities'}${qs}`)
  }
  return (
    <Segmented
      value={current}
      onChange={(v) => go(v as 'list' | 'board')}
      options={[
        { value: 'board', icon: <AppstoreOutlined />, label: t('opportunities.views.board') },
        { value: 'list', icon: <UnorderedListOutlined />, label: t('opportunities.views.list') },
      ]}
    />
  )
}
