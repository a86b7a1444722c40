import { App } from 'antd'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import type { Ticket, TicketChanges } from '../types'
import { useTicketErrorText } from './useTicketErrorText'
import { useUpdateTicket } from './useUpdateTicket'

/**
 * One change to a ticket with its version; a conflict reloads the ticket and says so, a refusal
 * (wrong step, not a support user…) is explained in words.
 */
export function useTicketMutation(ticket: Ticket) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const update = useUpdateTicket()
  const notifyError = useNotifyError()
  const ticketError = useTicketErrorText()
  const change = (changes: TicketChanges, { success, onError }: { success?: string; onError?: (e: unknown) => boolean } = {}) =>
    new Promise<Ticket | null>((resolve) =>
      update.mutate(
        { id: ticket.id, patch: { ...changes, version: ticket.version } },
        {
          onSuccess: (saved) => {
            if (success) void message.success(success)
            resolve(saved)
          },
          onError: (e) => {
            resolve(null)
            if (onError?.(e)) return
            if (isApiError(e) && e.isConflict) return void message.warning(t('tickets.conflict'))
            const text = ticketError(e)
            if (text) void message.error(text)
            else notifyError(e)
          },
        },
      ),
    )
  return { change, isPending: update.isPending, variables: update.variables }
}
