import { z } from 'zod'
import type { App } from '../../server/types'
import { clearSessionCookie, ctxOf, sessionTokenOf, setSessionCookie } from '../../server/auth'
import { AppError } from '../../server/errors'
import { profileUpdateSchema } from '../users/users.schema'
import type { UserService } from '../users/users.service'
import type { SetupService } from '../setup/setup.service'
import type { AuthService } from './auth.service'
import { twoFactorPendingSchema } from './two-factor.schema'
import { loginSchema, passwordChangeSchema, sessionSchema, sessionStateSchema, setupSchema, setupStatusSchema } from './auth.schema'

interface Deps {
  auth: AuthService
  users: UserService
  setup: SetupService
  secureCookies: boolean
  defaultRegion: string
}

/** Sign-in limits per client address; the per-account limit lives in the auth service. */
const loginRateLimit = { max: 30, timeWindow: '1 minute' }

export function authRoutes(app: App, { auth, users, setup, secureCookies, defaultRegion }: Deps) {
  const settings = { defaultRegion }
  const tags = ['auth']

  app.get('/setup', {
    config: { public: true },
    schema: { tags, summary: 'Whether the first admin still has to be created', response: { 200: setupStatusSchema } },
  }, async () => ({ needsSetup: await setup.needsSetup() }))

  app.post('/setup', {
    config: { public: true, rateLimit: loginRateLimit },
    schema: { tags, summary: 'Create the first admin (once) and sign in', body: setupSchema, response: { 200: sessionSchema } },
  }, async (request, reply) => {
    const signedIn = await setup.setup(request.body, { requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent'] })
    setSessionCookie(reply, signedIn.token, secureCookies, signedIn.maxAgeSeconds)
    return { user: signedIn.user, csrfToken: signedIn.csrfToken, settings }
  })

  app.post('/auth/login', {
    config: { public: true, rateLimit: loginRateLimit },
    schema: { tags, summary: 'Sign in; sets the kith_session cookie (__Host-kith_session over https) and ends the session the browser held, or answers 202 when a second step (2FA) must follow', body: loginSchema, response: { 200: sessionSchema, 202: twoFactorPendingSchema } },
  }, async (request, reply) => {
    const { email, password } = request.body
    const meta = { requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent'] }
    const signedIn = await auth.login(email, password, meta, sessionTokenOf(request, secureCookies) ?? undefined)
    if ('pending' in signedIn) return reply.status(202).send(signedIn.pending)
    setSessionCookie(reply, signedIn.token, secureCookies, signedIn.maxAgeSeconds)
    return { user: signedIn.user, csrfToken: signedIn.csrfToken, settings }
  })

  app.get('/auth/me', {
    schema: { tags, summary: 'The signed-in user and the CSRF token for writes', response: { 200: sessionSchema } },
  }, async (request) => ({
    user: await auth.me(ctxOf(request)),
    csrfToken: request.session?.csrfToken ?? '',
    settings,
  }))

  // The web app asks on every page whether someone is signed in; "nobody" is an answer, not an
  // error, so a signed-out page makes no failed request. /auth/me keeps its 401 for API clients.
  app.get('/auth/session', {
    config: { public: true },
    schema: {
      tags,
      summary: 'The browser session: the signed-in user and CSRF token, or {user: null} when nobody is signed in (200 either way; reads the session cookie only)',
      response: { 200: sessionStateSchema },
    },
  }, async (request) => {
    const token = sessionTokenOf(request, secureCookies)
    const found = token ? await auth.fromSession(token) : null
    if (!found) return { user: null }
    return { user: await auth.me({ actor: found.actor, requestId: request.id, ip: request.ip }), csrfToken: found.csrfToken, settings }
  })

  app.patch('/auth/me', {
    schema: { tags, summary: 'Change your own name, language or time zone (null: the company\'s)', body: profileUpdateSchema, response: { 200: sessionSchema } },
  }, async (request) => ({
    user: await users.updateProfile(ctxOf(request), request.body),
    csrfToken: request.session?.csrfToken ?? '',
    settings,
  }))

  app.post('/auth/logout', {
    schema: { tags, summary: 'Sign out this session', response: { 204: z.null() } },
  }, async (request, reply) => {
    if (!request.session) throw new AppError('BAD_REQUEST', 'API tokens are revoked at /api-tokens, not signed out')
    await auth.logout(ctxOf(request), request.session.id)
    clearSessionCookie(reply, secureCookies)
    return reply.status(204).send(null)
  })

  app.post('/auth/password', {
    config: { rateLimit: loginRateLimit },
    schema: { tags, summary: 'Change your password; other sessions are signed out', body: passwordChangeSchema, response: { 204: z.null() } },
  }, async (request, reply) => {
    await auth.changePassword(ctxOf(request), request.session?.id ?? null, request.body.currentPassword, request.body.newPassword)
    return reply.status(204).send(null)
  })
}
