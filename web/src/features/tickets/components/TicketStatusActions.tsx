import { CheckOutlined, LockOutlined, PauseCircleOutlined, PlayCircleOutlined, RedoOutlined } from '@ant-design/icons'
import { Button, Space } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useTicketMutation } from '../hooks/useTicketMutation'
import { NEXT_STATUSES, type Ticket, type TicketStatus } from '../types'
import { ResolveModal } from './ResolveModal'

const ACTION = { new: 'open', open: 'open', pending: 'pending', resolved: 'resolve', closed: 'close' } as const satisfies Record<TicketStatus, string>
const ICONS = { open: <PlayCircleOutlined />, pending: <PauseCircleOutlined />, resolve: <CheckOutlined />, close: <LockOutlined />, reopen: <RedoOutlined /> }

/** The workflow buttons: the steps the server allows from the current status; resolving asks for the resolution. */
export function TicketStatusActions({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation()
  const mutation = useTicketMutation(ticket)
  const [resolving, setResolving] = useState(false)
  const finished = ticket.status === 'resolved' || ticket.status === 'closed'

  const go = (status: TicketStatus) => {
    if (status === 'resolved') return setResolving(true)
    void mutation.change({ status }, { success: t('tickets.statusChanged', { status: t(`tickets.status.${status}`) }) })
  }
  const action = (s: TicketStatus) => (finished && s === 'open' ? 'reopen' : ACTION[s])

  return (
    <>
      <Space wrap data-testid="ticket-status-actions">
        {NEXT_STATUSES[ticket.status].map((s) => (
          <Button
            key={s}
            type={s === 'resolved' ? 'primary' : 'default'}
            icon={ICONS[action(s)]}
            onClick={() => go(s)}
            loading={mutation.isPending && mutation.variables?.patch.status === s}
          >
            {t(`tickets.actions.${action(s)}`)}
          </Button>
        ))}
      </Space>
      <ResolveModal open={resolving} ticket={ticket} onClose={() => setResolving(false)} />
    </>
  )
}
