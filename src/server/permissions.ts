import { AppError, type ErrorCode } from './errors'
import type { Actor } from './context'

/**
 * Record ownership, written once for every module. A record is owned by a user (ownerId) and,
 * through him, a team (teamId, stamped when the owner is set).
 * - admin: everything
 * - manager, sales: records they own or their team owns
 * - support, marketing: read everything (they serve and mail all customers); support edits
 *   only what it owns, marketing edits nothing owned
 */
export interface Owned {
  ownerId: string | null
  teamId: string | null
}

/** The SQL filter a list query applies: null = no restriction, 'none' = no record at all. */
export type Scope = null | 'none' | { ownerId: string; teamId: string | null }

export type Access = 'read' | 'write'

export function scopeFor(actor: Actor, access: Access): Scope {
  if (actor.role === 'admin') return null
  if (access === 'read' && (actor.role === 'support' || actor.role === 'marketing')) return null
  if (actor.role === 'marketing') return 'none'
  if (actor.role === 'support') return { ownerId: actor.userId, teamId: null }
  return { ownerId: actor.userId, teamId: actor.teamId }
}

export function inScope(scope: Scope, record: Owned): boolean {
  if (scope === null) return true
  if (scope === 'none') return false
  if (record.ownerId === scope.ownerId) return true
  return scope.teamId !== null && record.teamId === scope.teamId
}

export const canCreateOwned = (actor: Actor) => actor.role !== 'marketing'

/**
 * Throws the status the API promises: 404 when the caller may not see the record (its
 * existence is not leaked), 403 when he sees it but may not change it.
 */
export function assertAccess(actor: Actor, record: Owned, access: Access, notFound: ErrorCode): void {
  if (!inScope(scopeFor(actor, 'read'), record)) throw new AppError(notFound)
  if (access === 'write' && !inScope(scopeFor(actor, 'write'), record)) {
    throw new AppError('FORBIDDEN', 'You may view this record but not change it')
  }
}

/** Who may be made owner of a record by this actor. */
export function assertCanAssign(actor: Actor, newOwner: { id: string; teamId: string | null; active: boolean }): void {
  if (!newOwner.active) throw new AppError('VALIDATION_FAILED', 'ownerId: the user is inactive', { errors: [{ path: 'ownerId', message: 'The user is inactive' }] })
  if (actor.role === 'admin' || newOwner.id === actor.userId) return
  if (actor.role === 'manager' && actor.teamId !== null && newOwner.teamId === actor.teamId) return
  throw new AppError('FORBIDDEN', 'You may not assign records to this user')
}

export function assertRole(actor: Actor, ...roles: Actor['role'][]): void {
  if (!roles.includes(actor.role)) throw new AppError('FORBIDDEN')
}
