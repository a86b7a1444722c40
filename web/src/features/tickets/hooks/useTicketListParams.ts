import { DEFAULT_SORT, oneOf, textFilter, useUrlListParams } from '../../../hooks/useUrlListParams'
import { OPEN_STATUSES, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, TICKET_VIEWS, type TicketListParams, type TicketView } from '../types'

const BREACH = ['soon', 'breached'] as const
const FILTERS = {
  view: oneOf(TICKET_VIEWS),
  status: oneOf(TICKET_STATUSES),
  priority: oneOf(TICKET_PRIORITIES),
  type: oneOf(TICKET_TYPES),
  customerId: textFilter,
  breach: oneOf(BREACH),
}
export const BREACH_FILTERS = BREACH

/**
 * The inbox's saved view, filters, sort and page size, kept in the URL. A view is a preset of
 * server filters (assignee, SLA state, the statuses still worked); an explicit filter wins over
 * the preset. Work queues sort by the next SLA deadline unless a column sort was picked.
 */
export function useTicketListParams(defaultView: TicketView = 'mine') {
  const list = useUrlListParams(FILTERS)
  const view: TicketView = list.filters.view ?? defaultView
  const { view: _view, status, breach, ...rest } = list.params
  const workQueue = view !== 'all'
  const params: TicketListParams = {
    ...rest,
    status: status ?? (workQueue ? OPEN_STATUSES : undefined),
    breach: breach ?? (view === 'breaching' ? 'at_risk' : undefined),
    ...(view === 'mine' ? { assigneeId: 'me' } : view === 'unassigned' ? { assigneeId: 'unassigned' } : {}),
    sort: rest.q ? undefined : workQueue && list.sort === DEFAULT_SORT ? 'dueAt' : list.sort,
  }
  const hasFilters = Boolean(list.filters.q || status || breach || list.filters.priority || list.filters.type || list.filters.customerId)
  const clear = () => list.update({ q: undefined, status: undefined, priority: undefined, type: undefined, customerId: undefined, breach: undefined })
  return { ...list, view, params, hasFilters, clear, setView: (v: TicketView) => list.update({ view: v === defaultView ? undefined : v }) }
}
