import { timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from './errors'
import type { RequestContext } from './context'
import type { App } from './types'
import type { AuthService } from '../modules/auth/auth.service'
import type { ApiTokenService } from '../modules/api-tokens/api-tokens.service'

export const SESSION_COOKIE = 'kith_session'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Resolves who is calling — a session cookie (browser) or a Bearer API token (integrations) —
 * and refuses anonymous calls to non-public routes and cookie writes without the CSRF token.
 */
export function registerAuth(app: App, { auth, apiTokens }: { auth: AuthService; apiTokens: ApiTokenService }): void {
  app.decorateRequest('actor', null)
  app.decorateRequest('session', null)

  // Before validation: an anonymous or CSRF-less request is refused as such, whatever its body.
  app.addHook('preValidation', async (request: FastifyRequest) => {
    // Public routes act for nobody: a session cookie sent along (sign-in from a second tab, a
    // colleague testing the web form) is ignored rather than held to the CSRF rule.
    if (request.routeOptions.config.public) return
    const header = request.headers.authorization
    if (header?.startsWith('Bearer ')) {
      request.actor = await apiTokens.authenticate(header.slice(7).trim())
      if (!request.actor) throw new AppError('UNAUTHENTICATED', 'Invalid or expired API token')
    } else {
      const raw = request.cookies[SESSION_COOKIE]
      const unsigned = raw ? request.unsignCookie(raw) : null
      const found = unsigned?.valid && unsigned.value ? await auth.fromSession(unsigned.value) : null
      if (found) {
        request.actor = found.actor
        request.session = { id: found.sessionId, csrfToken: found.csrfToken }
        if (!SAFE_METHODS.has(request.method)) {
          const sent = request.headers['x-csrf-token']
          if (typeof sent !== 'string' || !sameToken(sent, found.csrfToken)) throw new AppError('CSRF_TOKEN_INVALID')
        }
      }
    }
    if (!request.actor) throw new AppError('UNAUTHENTICATED')
  })
}

/** The service-layer view of an authenticated request. */
export function ctxOf(request: FastifyRequest): RequestContext {
  if (!request.actor) throw new AppError('UNAUTHENTICATED')
  return { actor: request.actor, requestId: request.id, ip: request.ip }
}

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeDays: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    signed: true,
    maxAge: maxAgeDays * 86400,
  })
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' })
}
