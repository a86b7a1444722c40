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
  /** What the session list and its revoke call name a session by (the id is the cookie's hash). */
  ref: string
  lastSeenAt: Generated<Date>
}

export interface LoginAttemptsTable {
  id: Generated<number>
  email: string
  ip: string | null
  at: Generated<Date>
}
