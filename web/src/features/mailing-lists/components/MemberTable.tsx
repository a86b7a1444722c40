import { DeleteOutlined } from '@ant-design/icons'
import { Button, Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ListMember } from '../types'
import { MemberKindTag } from './MemberKindTag'

interface Props {
  items: ListMember[]
  loading?: boolean
  empty?: ReactNode
  /** Static lists: a remove button per row. */
  onRemove?: (member: ListMember) => void
  /** Narrow places (the segment preview): the company goes under the name, no sideways scroll. */
  compact?: boolean
}

const PAGE = { customer: 'customers', contact: 'contacts', lead: 'leads' } as const
const linkOf = (m: ListMember) => `/${PAGE[m.kind]}/${m.id}`

export function MemberTable({ items, loading, empty, onRemove, compact = false }: Props) {
  const { t } = useTranslation()
  const columns: TableProps<ListMember>['columns'] = [
    {
      key: 'name',
      title: t('mailingLists.memberColumns.name'),
      render: (_, m) => (
        <div style={{ minWidth: 0 }}>
          <Link to={linkOf(m)}>{m.name}</Link>
          {compact && m.company && m.company !== m.name && (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
              {m.company}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'kind', title: t('mailingLists.memberColumns.kind'), width: 90, render: (_, m) => <MemberKindTag kind={m.kind} /> },
    {
      key: 'email',
      title: t('mailingLists.memberColumns.email'),
      ellipsis: compact,
      render: (_, m) => (m.email ? m.email : <Typography.Text type="secondary">{t('mailingLists.noEmail')}</Typography.Text>),
    },
    ...(compact ? [] : [{ key: 'company', title: t('mailingLists.memberColumns.company'), dataIndex: 'company', ellipsis: true }]),
    ...(onRemove
      ? [
          {
            key: 'actions',
            width: 56,
            render: (_: unknown, m: ListMember) => (
              <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('mailingLists.removeMember', { name: m.name })} onClick={() => onRemove(m)} />
            ),
          },
        ]
      : []),
  ]
  return (
    <Table<ListMember>
      rowKey={(m) => `${m.kind}:${m.id}`}
      size={compact ? 'small' : 'middle'}
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={compact ? undefined : { x: 640 }}
      locale={empty ? { emptyText: empty } : undefined}
    />
  )
}
