import { Flex, Skeleton } from 'antd'
import { useTranslation } from 'react-i18next'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { useTicketComments } from '../hooks/useTicketComments'
import type { Ticket } from '../types'
import { CommentComposer } from './CommentComposer'
import { CommentItem } from './CommentItem'

/** The process log (处理过程): the problem as reported, then replies and notes in order, the composer last. */
export function TicketLog({ ticket, editable }: { ticket: Ticket; editable: boolean }) {
  const { t } = useTranslation()
  const comments = useTicketComments(ticket.id)
  return (
    <div style={{ paddingTop: 8 }}>
      {comments.isPending ? (
        <Skeleton active />
      ) : comments.error ? (
        <ErrorResult error={comments.error} onRetry={() => void comments.refetch()} />
      ) : comments.data.length === 0 ? (
        <EmptyState title={t('tickets.log.empty')} />
      ) : (
        <Flex vertical gap={12} data-testid="ticket-log" style={{ marginBottom: 20 }}>
          {comments.data.map((c) => (
            <CommentItem key={c.id} comment={c} />
          ))}
        </Flex>
      )}
      {editable && <CommentComposer ticketId={ticket.id} closed={ticket.status === 'closed'} contactEmail={ticket.contactEmail} />}
    </div>
  )
}
