import { timingSafeEqual } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from './errors'
import type { RequestContext } from './context'
import type { App } from './types'
import type { AuthService } from '../modules/auth/auth.service'
import type { ApiTokenService } from '../modules/api-tokens/api-tokens.service'
import { grants, requiredScope } from '../modules/api-tokens/api-tokens.scopes'

export const SESSION_COOKIE = 'kith_session'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Over https the cookie takes the `__Host-` prefix: browsers then accept it only when Secure, for
 * path / and without a Domain, so neither a sibling subdomain nor a plain-http page can plant one.
 */
export const sessionCookieName = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE)

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The session token the request's cookie carries, when its signature holds. */
export function sessionTokenOf(request: FastifyRequest, secure: boolean): string | null {
  const raw = request.cookies[sessionCookieName(secure)]
  const unsigned = raw ? request.unsignCookie(raw) : null
  return unsigned?.valid && unsigned.value ? unsigned.value : null
}

/**
 * Resolves who is calling — a session cookie (browser) or a Bearer API token (integrations) —
 * and refuses anonymous calls to non-public routes, cookie writes without the CSRF token and
 * token calls outside the token's scopes.
 */
export function registerAuth(app: App, { auth, apiTokens, secureCookies }: { auth: AuthService; apiTokens: ApiTokenService; secureCookies: boolean }): void {
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
      const needed = requiredScope(request.routeOptions.url ?? request.url, request.method)
      if (!grants(request.actor.scopes ?? [], needed)) {
        throw new AppError('INSUFFICIENT_SCOPE', `This API token lacks the scope ${needed}`, { requiredScope: needed })
      }
    } else {
      const token = sessionTokenOf(request, secureCookies)
      const found = token ? await auth.fromSession(token) : null
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

export function setSessionCookie(reply: FastifyReply, token: string, secure: boolean, maxAgeSeconds: number): void {
  reply.setCookie(sessionCookieName(secure), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    signed: true,
    maxAge: maxAgeSeconds,
  })
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  reply.clearCookie(sessionCookieName(secure), { path: '/', secure, httpOnly: true, sameSite: 'lax' })
}
