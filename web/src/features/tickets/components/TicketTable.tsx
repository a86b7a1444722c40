import { Table, Typography } from 'antd'
import type { TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { tableSort } from '../../../components/tableSort'
import { useNow } from '../hooks/useNow'
import type { Ticket } from '../types'
import { NextDueBadge } from './NextDueBadge'
import { TicketPriorityTag } from './TicketPriorityTag'
import { TicketStatusTag } from './TicketStatusTag'
import { TicketTypeTag } from './TicketTypeTag'

type Sortable = 'createdAt' | 'dueAt' | 'priority'

interface Props {
  items: Ticket[]
  loading: boolean
  /** Undefined: no column sorting (e.g. a customer's tab). */
  sort?: string
  onSortChange?: (sort: string | undefined) => void
  empty: ReactNode
  /** Inside a customer's page the customer column says nothing new. */
  hideCustomer?: boolean
}

export function TicketTable({ items, loading, sort, onSortChange, empty, hideCustomer = false }: Props) {
  const { t } = useTranslation()
  const navigate = useNavigate()
  const now = useNow()
  const f = (k: string) => t(`tickets.fields.${k}`)
  const { sortProps, onChange } = tableSort<Sortable>(sort, onSortChange)

  const columns: TableProps<Ticket>['columns'] = [
    {
      key: 'number',
      title: f('number'),
      width: 110,
      render: (_, tk) => (
        <Link to={`/tickets/${tk.id}`} onClick={(e) => e.stopPropagation()} style={{ fontWeight: 500, whiteSpace: 'nowrap' }}>
          {tk.number}
        </Link>
      ),
    },
    {
      key: 'subject',
      title: f('subject'),
      width: 280,
      render: (_, tk) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text ellipsis style={{ display: 'block', maxWidth: 270 }}>
            {tk.subject}
          </Typography.Text>
          {!hideCustomer && (
            <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12, maxWidth: 270 }}>
              {tk.customerName ?? tk.contactName ?? t('tickets.unknownCaller')}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { key: 'type', title: f('type'), width: 90, render: (_, tk) => <TicketTypeTag type={tk.type} /> },
    { key: 'priority', title: f('priority'), width: 100, ...sortProps('priority'), render: (_, tk) => <TicketPriorityTag priority={tk.priority} /> },
    { key: 'status', title: f('status'), width: 110, render: (_, tk) => <TicketStatusTag status={tk.status} /> },
    {
      key: 'assignee',
      title: f('assigneeId'),
      width: 110,
      ellipsis: true,
      render: (_, tk) => tk.assigneeName ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>,
    },
    { key: 'dueAt', title: f('sla'), width: 200, ...sortProps('dueAt'), render: (_, tk) => <NextDueBadge ticket={tk} now={now} showLabel /> },
    { key: 'createdAt', title: f('createdAt'), width: 130, ...sortProps('createdAt'), render: (_, tk) => <DateTime value={tk.createdAt} relative /> },
  ]

  return (
    <Table<Ticket>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      scroll={{ x: 1130 }}
      locale={{ emptyText: empty }}
      data-testid="ticket-table"
      onRow={(tk) => ({ onClick: () => navigate(`/tickets/${tk.id}`), style: { cursor: 'pointer' }, 'data-testid': 'ticket-row', 'data-number': tk.number } as React.HTMLAttributes<HTMLElement>)}
      onChange={onChange}
    />
  )
}
