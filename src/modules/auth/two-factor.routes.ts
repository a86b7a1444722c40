import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf, sessionTokenOf, setSessionCookie } from '../../server/auth'
import { idParams } from '../../lib/schema'
import type { FastifyReply } from 'fastify'
import type { ClientMeta, SignedIn } from './auth.service'
import type { TwoFactorService } from './two-factor.service'
import type { TwoFactorSignIn } from './two-factor.signin'
import {
  recoveryCodesSchema, twoFactorCodeSchema, twoFactorDisableSchema, twoFactorEnrolmentSchema, twoFactorLoginSchema,
  twoFactorSessionSchema, twoFactorStatusSchema, twoFactorTokenSchema,
} from './two-factor.schema'

interface Deps {
  twoFactor: TwoFactorService
  twoFactorSignIn: TwoFactorSignIn
  secureCookies: boolean
  defaultRegion: string
}

/** Per address, on top of the per-account count of wrong codes and the per-challenge limit. */
const codeRateLimit = { max: 30, timeWindow: '1 minute' }

export function twoFactorRoutes(app: App, { twoFactor, twoFactorSignIn, secureCookies, defaultRegion }: Deps) {
  const tags = ['auth']
  const settings = { defaultRegion }
  const signIn = (reply: FastifyReply, signedIn: SignedIn, extra: { recoveryCodesLeft?: number; recoveryCodes?: string[] }) => {
    setSessionCookie(reply, signedIn.token, secureCookies, signedIn.maxAgeSeconds)
    return { user: signedIn.user, csrfToken: signedIn.csrfToken, settings, ...extra }
  }
  const metaOf = (request: { id: string; ip: string; headers: Record<string, unknown> }): ClientMeta => ({
    requestId: request.id, ip: request.ip, userAgent: request.headers['user-agent'] as string | undefined,
  })

  app.post('/auth/login/two-factor', {
    config: { public: true, rateLimit: codeRateLimit },
    schema: { tags, summary: 'Second sign-in step: a code from the app or a recovery code; sets the kith_session cookie', body: twoFactorLoginSchema, response: { 200: twoFactorSessionSchema } },
  }, async (request, reply) => {
    const signedIn = await twoFactorSignIn.verify(request.body.token, request.body.code, metaOf(request), sessionTokenOf(request, secureCookies) ?? undefined)
    return signIn(reply, signedIn, { recoveryCodesLeft: signedIn.recoveryCodesLeft })
  })

  app.post('/auth/login/two-factor/enrolment', {
    config: { public: true, rateLimit: codeRateLimit },
    schema: { tags, summary: 'Second sign-in step when the role requires 2FA: a new secret and its QR code', body: twoFactorTokenSchema, response: { 200: twoFactorEnrolmentSchema } },
  }, (request) => twoFactorSignIn.startEnrolment(request.body.token))

  app.post('/auth/login/two-factor/enrolment/confirm', {
    config: { public: true, rateLimit: codeRateLimit },
    schema: { tags, summary: 'Finish enrolment with a code; signs in and returns the recovery codes (once)', body: twoFactorLoginSchema, response: { 200: twoFactorSessionSchema } },
  }, async (request, reply) => {
    const signedIn = await twoFactorSignIn.confirmEnrolment(request.body.token, request.body.code, metaOf(request), sessionTokenOf(request, secureCookies) ?? undefined)
    return signIn(reply, signedIn, { recoveryCodes: signedIn.recoveryCodes })
  })

  app.get('/auth/two-factor', {
    schema: { tags, summary: 'Whether your two-factor sign-in is on, and how many recovery codes are left', response: { 200: twoFactorStatusSchema } },
  }, (request) => twoFactor.status(ctxOf(request)))

  app.post('/auth/two-factor/enrolment', {
    schema: { tags, summary: 'Start setting up two-factor sign-in: a new secret and its QR code', response: { 200: twoFactorEnrolmentSchema } },
  }, (request) => twoFactor.startEnrolment(ctxOf(request)))

  app.post('/auth/two-factor/enrolment/confirm', {
    config: { rateLimit: codeRateLimit },
    schema: { tags, summary: 'Turn two-factor sign-in on with a code from the app; returns the recovery codes (once)', body: twoFactorCodeSchema, response: { 200: recoveryCodesSchema } },
  }, (request) => twoFactor.confirmEnrolment(ctxOf(request), request.body.code))

  app.post('/auth/two-factor/recovery-codes', {
    config: { rateLimit: codeRateLimit },
    schema: { tags, summary: 'Replace every recovery code (needs a code from the app)', body: twoFactorCodeSchema, response: { 200: recoveryCodesSchema } },
  }, (request) => twoFactor.regenerateRecoveryCodes(ctxOf(request), request.body.code))

  app.post('/auth/two-factor/disable', {
    config: { rateLimit: codeRateLimit },
    schema: { tags, summary: 'Turn two-factor sign-in off (password and a code or recovery code)', body: twoFactorDisableSchema, response: { 204: z.null() } },
  }, async (request, reply) => {
    await twoFactor.disable(ctxOf(request), request.body.password, request.body.code)
    return reply.status(204).send(null)
  })

  app.delete('/users/:id/two-factor', {
    schema: { tags: ['users'], summary: 'Admin only: remove a user\'s second factor and recovery codes (audited)', params: idParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await twoFactor.reset(ctxOf(request), request.params.id)
    return reply.status(204).send(null)
  })
}
