import type { Updateable } from 'kysely'
import type { Db, Executor } from '../../db/database'
import { getSetting, lockSetting, putSetting } from '../../db/settings.repository'
import { changedFields } from '../../lib/diff'
import { AppError } from '../../server/errors'
import { dayBound } from '../../lib/day-bounds'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { addBusinessMinutes, addBusinessTime, businessTimeBetween } from './tickets.business-hours'
import * as repo from './tickets.repository'
import { worksTickets } from './tickets.model'
import { TICKET_PRIORITIES } from './tickets.schema'
import type { BreachCount, SlaSettings, SlaSettingsUpdate } from './tickets.settings.schema'
import type { TicketPriority, TicketsTable, TicketStatus } from './tickets.table'

export const SLA_KEY = 'ticket_sla'

/** What the migration stores; used only if the row was removed by hand. */
export const DEFAULT_SLA: SlaSettings = {
  targets: {
    urgent: { firstResponseMinutes: 60, resolutionMinutes: 240 },
    high: { firstResponseMinutes: 240, resolutionMinutes: 1440 },
    normal: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
    low: { firstResponseMinutes: 1440, resolutionMinutes: 7200 },
  },
  businessHours: null,
  soonMinutes: 60,
}

export const readSla = async (db: Executor): Promise<SlaSettings> => (await getSetting<SlaSettings>(db, SLA_KEY)) ?? DEFAULT_SLA

/**
 * Due times of a ticket opened at `openedAt` with this priority, the resolution moved on by the
 * business time it has waited on the customer (`pausedMs`). They are stored on the ticket (at
 * creation and on a priority change), so later changes to the settings do not move the deadlines
 * of tickets already promised.
 */
export function dueTimes(settings: SlaSettings, openedAt: Date, priority: TicketPriority, pausedMs = 0) {
  const target = settings.targets[priority]
  const resolutionDueAt = addBusinessMinutes(openedAt, target.resolutionMinutes, settings.businessHours)
  return {
    firstResponseDueAt: addBusinessMinutes(openedAt, target.firstResponseMinutes, settings.businessHours),
    resolutionDueAt: pausedMs > 0 ? addBusinessTime(resolutionDueAt, pausedMs, settings.businessHours) : resolutionDueAt,
  }
}

type ClockState = { slaPausedAt: Date | null; slaPausedMs: number; resolutionDueAt: Date | null }

/**
 * The resolution clock across a status change: it stops when a ticket becomes pending (waiting
 * on the customer) and, when it leaves pending, the deadline moves on by the business time it
 * waited. A deadline already passed when the clock stopped stays passed: a breach is not undone.
 */
export function clockPatch(settings: SlaSettings, ticket: ClockState, to: TicketStatus, t: Date): Updateable<TicketsTable> {
  if (to === 'pending') return ticket.slaPausedAt ? {} : { slaPausedAt: t }
  if (!ticket.slaPausedAt) return {}
  const due = ticket.resolutionDueAt
  if (!due || due.getTime() <= ticket.slaPausedAt.getTime()) return { slaPausedAt: null }
  const waited = businessTimeBetween(ticket.slaPausedAt, t, settings.businessHours)
  if (waited === 0) return { slaPausedAt: null }
  return { slaPausedAt: null, slaPausedMs: ticket.slaPausedMs + waited, resolutionDueAt: addBusinessTime(due, waited, settings.businessHours) }
}


export function createTicketSla({ db, now }: { db: Db; now: () => Date }) {
  return {
    /** Everyone who works or reads tickets may see the targets (the web shows due times with them). */
    async get(ctx: RequestContext): Promise<SlaSettings> {
      if (!worksTickets(ctx.actor) && ctx.actor.role !== 'sales') throw new AppError('FORBIDDEN')
      return readSla(db)
    },

    async put(ctx: RequestContext, input: SlaSettingsUpdate): Promise<SlaSettings> {
      assertRole(ctx.actor, 'admin')
      return db.transaction().execute(async (trx) => {
        const before = (await lockSetting<SlaSettings>(trx, SLA_KEY)) ?? DEFAULT_SLA
        const next: SlaSettings = {
          targets: input.targets,
          businessHours: input.businessHours ? { ...input.businessHours, holidays: [...input.businessHours.holidays].sort() } : null,
          soonMinutes: input.soonMinutes,
        }
        await putSetting(trx, SLA_KEY, next)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'ticket_sla', entityId: null, changes: changedFields(before, next) }])
        return next
      })
    },

    /**
     * SLA breaches of the tickets created in [from, to] (dates, UTC), by priority — for the
     * analytics reports. Every priority appears, with zeros where nothing happened.
     */
    async breachCounts(ctx: RequestContext, range: { from?: string; to?: string }): Promise<{ items: BreachCount[] }> {
      assertRole(ctx.actor, 'admin', 'manager', 'support')
      const rows = await repo.breachCounts(db, { from: dayBound(range.from, 'from'), to: dayBound(range.to, 'to', true), now: now() })
      const by = new Map(rows.map((r) => [r.priority, r]))
      return {
        items: TICKET_PRIORITIES.map((priority) => ({
          priority,
          tickets: Number(by.get(priority)?.tickets ?? 0),
          firstResponseBreached: Number(by.get(priority)?.firstResponseBreached ?? 0),
          resolutionBreached: Number(by.get(priority)?.resolutionBreached ?? 0),
        })),
      }
    },
  }
}

export type TicketSla = ReturnType<typeof createTicketSla>
