import type { Generated } from 'kysely'

export interface SessionsTable {
  /** sha256 of the cookie's token: a leaked table does not yield usable sessions. */
  id: string
  userId: string
  csrfToken: string
  createdAt: Generated<Date>
  expiresAt: Date
  userAgent: string | null
  ip: string | null
}

export interface LoginAttemptsTable {
  id: Generated<number>
  email: string
  ip: string | null
  at: Generated<Date>
}
