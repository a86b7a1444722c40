import { Descriptions, Typography } from 'antd'
import type { DescriptionsProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { DateTime } from '../../../components/DateTime'
import { EMPTY } from '../../../lib/fieldDisplay'
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_TYPES, type Ticket } from '../types'
import { InlineSelect } from './InlineSelect'
import { TicketAssignee } from './TicketAssignee'
import { TicketOrderLink } from './TicketOrderLink'
import { TicketPriorityTag } from './TicketPriorityTag'
import { TicketTypeTag } from './TicketTypeTag'

/** The ticket's fields; type, priority, channel and assignee change in place for those who work tickets. */
export function TicketDetails({ ticket: tk, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation()
  const f = (k: string) => t(`tickets.fields.${k}`)
  const or = (v: ReactNode) => (v === null || v === undefined || v === '' ? <Typography.Text type="secondary">{EMPTY}</Typography.Text> : v)
  const items: DescriptionsProps['items'] = [
    { key: 'assigneeId', label: f('assigneeId'), children: <TicketAssignee ticket={tk} editable={editable} /> },
    { key: 'priority', label: f('priority'), children: editable ? <InlineSelect ticket={tk} field="priority" values={TICKET_PRIORITIES} /> : <TicketPriorityTag priority={tk.priority} /> },
    { key: 'type', label: f('type'), children: editable ? <InlineSelect ticket={tk} field="type" values={TICKET_TYPES} /> : <TicketTypeTag type={tk.type} /> },
    { key: 'channel', label: f('channel'), children: editable ? <InlineSelect ticket={tk} field="channel" values={TICKET_CHANNELS} /> : t(`tickets.channel.${tk.channel}`) },
    { key: 'customerId', label: f('customerId'), children: or(tk.customerId && <Link to={`/customers/${tk.customerId}`}>{tk.customerName}</Link>) },
    { key: 'contactId', label: f('contactId'), children: or(tk.contactId && <Link to={`/contacts/${tk.contactId}`}>{tk.contactName ?? EMPTY}</Link>) },
    ...(tk.orderId ? [{ key: 'orderId', label: f('orderId'), children: <TicketOrderLink orderId={tk.orderId} productId={tk.productId} /> }] : []),
    { key: 'createdAt', label: f('createdAt'), children: <DateTime value={tk.createdAt} /> },
    { key: 'firstRespondedAt', label: f('firstRespondedAt'), children: or(tk.firstRespondedAt && <DateTime value={tk.firstRespondedAt} />) },
    ...(tk.resolvedAt ? [{ key: 'resolvedAt', label: f('resolvedAt'), children: <DateTime value={tk.resolvedAt} /> }] : []),
    ...(tk.closedAt ? [{ key: 'closedAt', label: f('closedAt'), children: <DateTime value={tk.closedAt} /> }] : []),
  ]
  return <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 110, color: 'rgba(0,0,0,0.5)' } }} items={items} />
}
