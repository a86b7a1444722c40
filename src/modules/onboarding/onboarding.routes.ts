import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { OnboardingService } from './onboarding.service'
import { onboardingSchema } from './onboarding.schema'

export function onboardingRoutes(app: App, { onboarding }: { onboarding: OnboardingService }) {
  const tags = ['settings']
  app.get('/onboarding', {
    schema: { tags, summary: 'The getting-started checklist (admin): which set-up steps are done, and whether you closed it', response: { 200: onboardingSchema } },
  }, (req) => onboarding.get(ctxOf(req)))

  app.post('/onboarding/dismiss', {
    schema: { tags, summary: 'Close the getting-started checklist for yourself (admin)', response: { 204: z.null() } },
  }, async (req, reply) => {
    await onboarding.dismiss(ctxOf(req))
    return reply.status(204).send(null)
  })
}
