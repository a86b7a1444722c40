export const ROLES = ['admin', 'manager', 'sales', 'support', 'marketing'] as const
export type Role = (typeof ROLES)[number]

/** The signed-in user a request acts as. */
export interface Actor {
  userId: string
  role: Role
  teamId: string | null
  /** Set when acting through an API token: what the token may touch (api-tokens.scopes.ts). */
  scopes?: readonly string[]
}

/** What a service needs to know about the request: who acts, and how to trace it. */
export interface RequestContext {
  actor: Actor
  requestId: string
  ip?: string
}

/** Context for work started by Kith itself (CLI, first-run set-up, seeds). */
export const systemContext = (actor: Actor, requestId = 'system'): RequestContext => ({ actor, requestId })
