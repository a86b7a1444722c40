import { DeleteOutlined, EditOutlined } from '@ant-design/icons'
import { Button, Skeleton, Space, Typography } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNavigate, useParams } from 'react-router'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { formatNumber } from '../../../lib/format'
import { useAuth } from '../../auth/hooks/useAuth'
import { useConfirmDeleteMailingList } from '../hooks/useConfirmDeleteMailingList'
import { useListCount } from '../hooks/useListCount'
import { useMailingList } from '../hooks/useMailingList'
import { DynamicSegmentCard } from './DynamicSegmentCard'
import { ListMembersCard } from './ListMembersCard'
import { MailingListEditModal } from './MailingListEditModal'
import { MailingListKindTag } from './MailingListKindTag'

export default function MailingListDetailPage() {
  const { t } = useTranslation()
  const seesMembers = useAuth().hasRole('admin', 'marketing')
  const { id = '' } = useParams()
  const navigate = useNavigate()
  const { data: list, error, isPending, refetch } = useMailingList(id)
  const count = useListCount(id)
  const confirmDelete = useConfirmDeleteMailingList()
  const [editing, setEditing] = useState(false)

  if (isPending) return <Skeleton active paragraph={{ rows: 8 }} />
  if (error) return <ErrorResult error={error} onRetry={() => void refetch()} />

  return (
    <>
      <PageHeader
        backTo="/mailing-lists"
        title={<span data-testid="mailing-list-name">{list.name}</span>}
        subtitle={
          <Space size={8} wrap>
            <MailingListKindTag kind={list.kind} />
            <Typography.Text type="secondary" data-testid="mailing-list-count">
              {count.data === undefined ? '' : t('mailingLists.countText', { count: count.data.count, formatted: formatNumber(count.data.count), emails: formatNumber(count.data.emails) })}
            </Typography.Text>
            {list.description && <Typography.Text type="secondary">{list.description}</Typography.Text>}
          </Space>
        }
        actions={
          <>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('common.edit')}
            </Button>
            <Button danger icon={<DeleteOutlined />} onClick={() => confirmDelete(list, () => navigate('/mailing-lists'))}>
              {t('common.delete')}
            </Button>
          </>
        }
      />
      {list.kind === 'dynamic' && <DynamicSegmentCard list={list} />}
      {/* Managers see counts, not the people of other teams on the list (the server says 403). */}
      {seesMembers && <ListMembersCard list={list} />}
      <MailingListEditModal list={list} open={editing} onClose={() => setEditing(false)} />
    </>
  )
}
