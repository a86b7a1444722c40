import type { Actor } from '../../server/context'

export interface CachedSession {
  actor: Actor
  csrfToken: string
  sessionId: string
  expiresAt: Date
}

/**
 * Remembers resolved sessions for a few seconds, so a read costs one query instead of two. This
 * copy forgets a session or user at once on logout, password change and user edits; other copies
 * behind the same load balancer notice within the TTL (KITH_SESSION_CACHE_SECONDS, 0 turns it off).
 */
export function createSessionCache(ttlSeconds: number, maxEntries = 10_000) {
  const ttlMs = ttlSeconds * 1000
  const entries = new Map<string, { session: CachedSession; until: number }>()

  return {
    get(tokenHash: string): CachedSession | undefined {
      const hit = entries.get(tokenHash)
      if (!hit) return undefined
      if (hit.until <= Date.now() || hit.session.expiresAt.getTime() <= Date.now()) {
        entries.delete(tokenHash)
        return undefined
      }
      return hit.session
    },
    set(tokenHash: string, session: CachedSession): void {
      if (ttlMs <= 0) return
      // Maps iterate in insertion order: dropping the first entry drops the oldest.
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!)
      entries.set(tokenHash, { session, until: Date.now() + ttlMs })
    },
    forget(tokenHash: string): void {
      entries.delete(tokenHash)
    },
    /** After the session time-outs change, every session is checked against them again. */
    clear(): void {
      entries.clear()
    },
    forgetUser(userId: string): void {
      for (const [key, { session }] of entries) if (session.actor.userId === userId) entries.delete(key)
    },
  }
}

export type SessionCache = ReturnType<typeof createSessionCache>
