import { UserAddOutlined } from '@ant-design/icons'
import { Button, Flex, Tooltip, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../../auth/hooks/useAuth'
import { useSupportUsers } from '../hooks/useSupportUsers'
import { useTicketMutation } from '../hooks/useTicketMutation'
import type { Ticket } from '../types'
import { SupportUserSelect } from './SupportUserSelect'

/**
 * Who works the ticket. Admins and managers (the support leads) pick any active support user;
 * a support user may take the ticket himself. Each change lands in the history.
 */
export function TicketAssignee({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation()
  const { user, hasRole } = useAuth()
  const mutation = useTicketMutation(ticket)
  const { users } = useSupportUsers()
  const closed = ticket.status === 'closed'
  const name = ticket.assigneeName ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>
  const assign = (assigneeId: string | undefined) => {
    const picked = assigneeId === user.id ? user.name : (users.find((u) => u.id === assigneeId)?.name ?? '')
    void mutation.change({ assigneeId: assigneeId ?? null }, { success: assigneeId ? t('tickets.assigned', { name: picked }) : t('tickets.unassignedDone') })
  }

  if (editable && hasRole('admin', 'manager')) {
    return (
      <SupportUserSelect
        value={ticket.assigneeId ?? undefined}
        knownLabel={ticket.assigneeName}
        onChange={assign}
        loading={mutation.isPending}
        disabled={mutation.isPending || closed}
        aria-label={t('tickets.assignTo')}
        data-testid="ticket-assignee"
        style={{ width: '100%' }}
      />
    )
  }
  const canTake = editable && hasRole('support') && user.active !== false && ticket.assigneeId !== user.id && !closed
  return (
    <Flex align="center" gap={8} wrap data-testid="ticket-assignee">
      <span>{name}</span>
      {canTake && (
        <Tooltip title={t('tickets.takeItHint')}>
          <Button size="small" icon={<UserAddOutlined />} loading={mutation.isPending} onClick={() => assign(user.id)}>
            {t('tickets.takeIt')}
          </Button>
        </Tooltip>
      )}
    </Flex>
  )
}
