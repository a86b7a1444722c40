import { DEFAULT_SORT, oneOf, textFilter, useUrlListParams } from '../../../hooks/useUrlListParams'
import { OPEN_STATUSES, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, TICKET_VIEWS, type TicketListParams, type TicketView } from '../types'

const BREACH = ['soon', 'breached'] as const
const FILTERS = {
  view: oneOf(TICKET_VIEWS),
  status: oneOf(TICKET_STATUSES),
  priority: oneOf(TICKET_PRIORITIES),
  type: oneOf(TICKET_TYPES),
  customerId: textFilter,
  breach: oneOf(BREACH),
  // What a report's drill-down narrows by.
  channel: oneOf(TICKET_CHANNELS),
  assigneeId: textFilter,
  assigneeTeamId: textFilter,
  createdFrom: textFilter,
  createdTo: textFilter,
  tz: textFilter,
}
const DRILL_KEYS = ['channel', 'assigneeId', 'assigneeTeamId', 'createdFrom', 'createdTo', 'tz'] as const
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
    ...(view === 'mine' ? { assigneeId: 'me' } : view === 'unassigned' ? { assigneeId: 'unassigned' } : rest.assigneeId ? { assigneeId: rest.assigneeId } : {}),
    sort: rest.q ? undefined : workQueue && list.sort === DEFAULT_SORT ? 'dueAt' : list.sort,
  }
  const hasFilters = Boolean(list.filters.q || status || breach || list.filters.priority || list.filters.type || list.filters.customerId || DRILL_KEYS.some((k) => list.filters[k]))
  const clear = () =>
    list.update({ q: undefined, status: undefined, priority: undefined, type: undefined, customerId: undefined, breach: undefined, ...Object.fromEntries(DRILL_KEYS.map((k) => [k, undefined])) })
  return { ...list, view, params, hasFilters, clear, setView: (v: TicketView) => list.update({ view: v === defaultView ? undefined : v }) }
}
