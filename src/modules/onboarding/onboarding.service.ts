import type { Db } from '../../db/database'
import { getSetting, putSetting } from '../../db/settings.repository'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import type { CompanyService } from '../company/company.service'
import { countActiveUsers, hasCompletedImport, pipelineInUse } from './onboarding.repository'
import type { Onboarding } from './onboarding.schema'

/** Where a user's "close the checklist" is kept: one settings row per user. */
const dismissedKey = (userId: string) => `onboarding_dismissed:${userId}`

/**
 * The getting-started checklist a new admin sees on the home page. Each step ticks from what
 * the installation really holds, not from clicks on the checklist, so it stays true whoever did
 * the step and however (web, API, CLI).
 */
export function createOnboardingService({ db, company }: { db: Db; company: CompanyService }) {
  return {
    async get(ctx: RequestContext): Promise<Onboarding> {
      assertRole(ctx.actor, 'admin')
      const profile = await company.get(ctx)
      const users = await countActiveUsers(db)
      const imported = await hasCompletedImport(db)
      const pipeline = await pipelineInUse(db)
      const dismissedAt = (await getSetting<string>(db, dismissedKey(ctx.actor.userId))) ?? null
      const steps: Onboarding['steps'] = [
        { key: 'companyProfile', done: profile.updatedAt !== null && profile.name.trim() !== '' },
        { key: 'inviteUsers', done: users > 1 },
        { key: 'importData', done: imported },
        { key: 'pipeline', done: pipeline },
      ]
      return { steps, complete: steps.every((s) => s.done), dismissedAt }
    },

    async dismiss(ctx: RequestContext): Promise<void> {
      assertRole(ctx.actor, 'admin')
      await putSetting(db, dismissedKey(ctx.actor.userId), new Date().toISOString())
    },
  }
}
export type OnboardingService = ReturnType<typeof createOnboardingService>
