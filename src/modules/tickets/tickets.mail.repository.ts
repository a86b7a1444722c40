import { sql, type Insertable } from 'kysely'
import type { Executor } from '../../db/database'
import type { TicketMailsTable, TicketMailState } from './tickets.table'

export const insertMail = (db: Executor, row: Insertable<TicketMailsTable>) => db.insertInto('ticketMails').values(row).execute()

/**
 * Takes a queued mail for sending (or one a dead worker left in 'sending': pg-boss hands the job
 * out again only once it expired or its process was taken for dead). Sent and failed mails are
 * never taken again: a job run twice mails nothing twice.
 */
export const claimMail = (db: Executor, id: string) =>
  db
    .updateTable('ticketMails')
    .set({ state: 'sending', attempts: sql`attempts + 1`, attemptedAt: new Date() })
    .where('id', '=', id)
    .where('state', 'in', ['queued', 'sending'])
    .returningAll()
    .executeTakeFirst()

export const finishMail = (db: Executor, id: string, state: TicketMailState, patch: { subject?: string; lastError?: string | null; sentAt?: Date | null }) =>
  db.updateTable('ticketMails').set({ state, ...patch }).where('id', '=', id).where('state', '=', 'sending').execute()

export const listMails = (db: Executor, ticketId: string) =>
  db
    .selectFrom('ticketMails')
    .select(['id', 'ticketId', 'kind', 'commentId', 'recipient', 'state', 'attempts', 'subject', 'lastError', 'createdAt', 'sentAt'])
    .where('ticketId', '=', ticketId)
    .orderBy('createdAt')
    .orderBy('id')
    .limit(200)
    .execute()

/** Name and address of a user, for Reply-To. */
export const userContact = (db: Executor, id: string | null) =>
  id ? db.selectFrom('users').select(['name', 'email']).where('id', '=', id).executeTakeFirst() : Promise.resolve(undefined)

export type TicketMailRow = NonNullable<Awaited<ReturnType<typeof claimMail>>>
