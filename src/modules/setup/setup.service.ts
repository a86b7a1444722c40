import type { Db } from '../../db/database'
import { AppError } from '../../server/errors'
import { newId } from '../../lib/ids'
import { recordAudit } from '../audit/audit.service'
import { hashPassword } from '../auth/passwords'
import { assertPasswordPolicy } from '../auth/password-policy'
import type { AuthService, ClientMeta, SignedIn } from '../auth/auth.service'
import { countUsers, insertUser } from '../users/users.repository'
import { toUser } from '../users/users.service'
import type { SetupInput } from '../auth/auth.schema'
import { claimSetup } from './setup.repository'
import { seedCompanyZone } from '../company/company.service'

/** First run: the first admin comes from the environment, or from the one-time set-up page. */
export function createSetupService({ db, auth }: { db: Db; auth: AuthService }) {
  async function createFirstAdmin(input: SetupInput, requestId: string) {
    await assertPasswordPolicy(db, input.password, input)
    const passwordHash = await hashPassword(input.password)
    return db.transaction().execute(async (trx) => {
      if ((await countUsers(trx)) > 0 || !(await claimSetup(trx))) throw new AppError('SETUP_ALREADY_DONE')
      const row = await insertUser(trx, {
        id: newId(),
        email: input.email,
        name: input.name,
        role: 'admin',
        locale: input.locale ?? null,
        timeZone: null,
        passwordHash,
        createdBy: null,
      })
      if (input.timeZone) await seedCompanyZone(trx, input.timeZone)
      await recordAudit(trx, { actor: { userId: row.id }, requestId }, [
        { action: 'create', entity: 'user', entityId: row.id, changes: { email: row.email, role: 'admin' } },
      ])
      return row
    })
  }

  return {
    async needsSetup(): Promise<boolean> {
      return (await countUsers(db)) === 0
    },

    async setup(input: SetupInput, meta: ClientMeta): Promise<SignedIn> {
      const row = await createFirstAdmin(input, meta.requestId)
      return { ...(await auth.openSession(row.id, meta)), user: toUser(row) }
    },

    /** KITH_ADMIN_EMAIL / KITH_ADMIN_PASSWORD: create that admin when no user exists yet. */
    async bootstrapAdmin(email: string | undefined, password: string | undefined): Promise<string | null> {
      if (!email || !password || !(await this.needsSetup())) return null
      try {
        const row = await createFirstAdmin({ email: email.toLowerCase(), name: email.split('@')[0] ?? 'Admin', password }, 'startup')
        return row.email
      } catch (err) {
        if (err instanceof AppError && err.code === 'SETUP_ALREADY_DONE') return null
        // Said at start-up in the variable's name: the operator fixes the environment, not a form.
        if (err instanceof AppError && err.code === 'VALIDATION_FAILED') throw new Error(`KITH_ADMIN_PASSWORD is refused: ${err.extra.errors?.[0]?.message ?? err.message}`)
        throw err
      }
    },
  }
}

export type SetupService = ReturnType<typeof createSetupService>
