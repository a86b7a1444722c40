import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../db/database'
import type { TicketAssignmentRulesTable } from './tickets.table'

const ruleColumns = [
  'id', 'position', 'name', 'matchType', 'matchPriority', 'matchTeamId', 'assigneeIds', 'strategy', 'active', 'lastAssigneeId',
] as const

export const listRules = (db: Executor) =>
  db.selectFrom('ticketAssignmentRules').select(ruleColumns).orderBy('position').orderBy('id').execute()

/** Serialises the assignments of one rule: the round-robin position is read and moved under this lock. */
export const lockRule = (db: Executor, id: string) =>
  db.selectFrom('ticketAssignmentRules').select(ruleColumns).where('id', '=', id).forUpdate().executeTakeFirst()

/** Serialises concurrent replacements of the whole list. */
export const lockAllRules = (db: Executor) =>
  db.selectFrom('ticketAssignmentRules').select(ruleColumns).orderBy('id').forUpdate().execute()

export const moveRotation = (db: Executor, id: string, lastAssigneeId: string) =>
  db.updateTable('ticketAssignmentRules').set({ lastAssigneeId }).where('id', '=', id).execute()

export const deleteRulesExcept = (db: Executor, keep: string[]) =>
  keep.length
    ? db.deleteFrom('ticketAssignmentRules').where('id', 'not in', keep).execute()
    : db.deleteFrom('ticketAssignmentRules').execute()

export const upsertRules = (db: Executor, rows: Insertable<TicketAssignmentRulesTable>[]) =>
  rows.length
    ? db
        .insertInto('ticketAssignmentRules')
        .values(rows)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            position: eb.ref('excluded.position'),
            name: eb.ref('excluded.name'),
            matchType: eb.ref('excluded.matchType'),
            matchPriority: eb.ref('excluded.matchPriority'),
            matchTeamId: eb.ref('excluded.matchTeamId'),
            assigneeIds: eb.ref('excluded.assigneeIds'),
            strategy: eb.ref('excluded.strategy'),
            active: eb.ref('excluded.active'),
            lastAssigneeId: eb.ref('excluded.lastAssigneeId'),
            updatedAt: sql`now()`,
          })),
        )
        .execute()
    : Promise.resolve([])

/**
 * Who these users are, in one query. Reading the users table here (rather than a call per user
 * through the users service) keeps a rule's pool check to one round trip.
 */
export const findUsers = (db: Executor, ids: string[]) =>
  ids.length
    ? db.selectFrom('users').select(['id', 'name', 'role', 'active', 'deletedAt', 'teamId']).where('id', 'in', ids).execute()
    : Promise.resolve([])

export const findTeams = (db: Executor, ids: string[]) =>
  ids.length ? db.selectFrom('teams').select('id').where('id', 'in', ids).execute() : Promise.resolve([])

export type RuleRow = Awaited<ReturnType<typeof listRules>>[number]
