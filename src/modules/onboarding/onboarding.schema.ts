import { z } from 'zod'

/** The getting-started steps of a new installation, in the order the checklist shows them. */
export const ONBOARDING_STEPS = ['companyProfile', 'inviteUsers', 'importData', 'pipeline'] as const
export type OnboardingStep = (typeof ONBOARDING_STEPS)[number]

export const onboardingSchema = z
  .object({
    steps: z.array(z.object({ key: z.enum(ONBOARDING_STEPS), done: z.boolean() })),
    /** Every step done: the checklist has nothing left to say. */
    complete: z.boolean(),
    /** When this user closed the checklist (per user), or null. */
    dismissedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'Onboarding' })
export type Onboarding = z.infer<typeof onboardingSchema>
