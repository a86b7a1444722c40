import type { Ticket } from '../types'
import { SlaBadge } from './SlaBadge'

/**
 * The SLA target that matters now: the first response until someone answered, then the
 * resolution. A finished ticket shows whether its resolution target was met.
 */
export function NextDueBadge({ ticket: tk, now, showLabel }: { ticket: Ticket; now: number; showLabel?: boolean }) {
  const awaitingResponse = !tk.firstRespondedAt && tk.firstResponseDueAt && tk.status !== 'resolved' && tk.status !== 'closed'
  return awaitingResponse ? (
    <SlaBadge kind="firstResponse" dueAt={tk.firstResponseDueAt} doneAt={null} now={now} showLabel={showLabel} />
  ) : (
    <SlaBadge kind="resolution" dueAt={tk.resolutionDueAt} doneAt={tk.resolvedAt ?? tk.closedAt} pausedAt={tk.slaPausedAt} now={now} showLabel={showLabel} />
  )
}
