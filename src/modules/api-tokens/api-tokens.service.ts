import type { Db } from '../../db/database'
import { newId } from '../../lib/ids'
import { iso } from '../../lib/schema'
import { AppError } from '../../server/errors'
import type { Actor, RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { newSecret, sha256 } from '../auth/tokens'
import * as repo from './api-tokens.repository'
import type { ApiToken, ApiTokenCreate } from './api-tokens.schema'
import { FULL_ACCESS, scopesBeyond } from './api-tokens.scopes'

const TOKEN_PREFIX = 'kith_'
const TOUCH_EVERY_MS = 60_000

const toApiToken = (r: repo.ApiTokenRow): ApiToken => ({
  ...r,
  createdAt: iso(r.createdAt),
  expiresAt: r.expiresAt ? iso(r.expiresAt) : null,
  lastUsedAt: r.lastUsedAt ? iso(r.lastUsedAt) : null,
})

/** API tokens act as the user who made them, with his current role and team, within the token's scopes. */
export function createApiTokenService({ db }: { db: Db }) {
  return {
    async list(ctx: RequestContext) {
      return { items: (await repo.listApiTokens(db, ctx.actor.userId)).map(toApiToken), nextCursor: null }
    },

    async create(ctx: RequestContext, input: ApiTokenCreate) {
      if (input.expiresAt && new Date(input.expiresAt) <= new Date()) {
        throw new AppError('VALIDATION_FAILED', 'expiresAt: must be in the future', { errors: [{ path: 'expiresAt', message: 'Must be in the future' }] })
      }
      const scopes = [...new Set(input.scopes ?? FULL_ACCESS)]
      const beyond = scopesBeyond(scopes, ctx.actor.role, ctx.actor.scopes)
      if (beyond.length) {
        const message = `Beyond what you may grant: ${beyond.join(', ')}`
        throw new AppError('VALIDATION_FAILED', `scopes: ${message}`, { errors: [{ path: 'scopes', message }] })
      }
      const secret = newSecret(TOKEN_PREFIX)
      return db.transaction().execute(async (trx) => {
        const row = await repo.insertApiToken(trx, {
          id: newId(),
          userId: ctx.actor.userId,
          name: input.name,
          tokenHash: sha256(secret),
          prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
          expiresAt: input.expiresAt ? new Date(input.expiresAt) : null,
          scopes,
        })
        await recordAudit(trx, ctx, [{ action: 'create', entity: 'api_token', entityId: row.id, changes: { name: row.name, scopes } }])
        return { token: toApiToken(row), secret }
      })
    },

    async revoke(ctx: RequestContext, id: string) {
      await db.transaction().execute(async (trx) => {
        if (!(await repo.revokeApiToken(trx, ctx.actor.userId, id))) throw new AppError('API_TOKEN_NOT_FOUND')
        await recordAudit(trx, ctx, [{ action: 'delete', entity: 'api_token', entityId: id }])
      })
    },

    async authenticate(secret: string): Promise<Actor | null> {
      if (!secret.startsWith(TOKEN_PREFIX)) return null
      const row = await repo.findActiveTokenWithUser(db, sha256(secret))
      if (!row) return null
      // Last-use time is informative only; writing it at most once a minute keeps reads cheap.
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) await repo.touchApiToken(db, row.id)
      return { userId: row.userId, role: row.role, teamId: row.teamId, scopes: row.scopes }
    },
  }
}

export type ApiTokenService = ReturnType<typeof createApiTokenService>
