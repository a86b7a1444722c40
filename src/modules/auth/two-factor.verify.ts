import type { Db, Executor } from '../../db/database'
import { AppError } from '../../server/errors'
import * as repo from './two-factor.repository'
import { looksLikeTotp, matchStep, recoveryCodeHash } from './two-factor.totp'

/** Wrong second-factor codes a user may enter in a window before waiting (across challenges and addresses). */
export const MAX_CODE_FAILURES = 10
const FAILURE_WINDOW_MS = 15 * 60 * 1000

type Outcome = { ok: true; via: 'totp' | 'recovery' } | { ok: false; error: AppError }

const codeError = (code: 'TWO_FACTOR_CODE_INVALID' | 'TWO_FACTOR_CODE_REUSED', message: string) =>
  new AppError(code, undefined, { errors: [{ path: 'code', message }] })

export const MESSAGES = {
  invalid: 'Wrong or expired code',
  reused: 'This code was already used',
} as const

/**
 * Checks a TOTP code (or, where allowed, a recovery code) for a user, under a lock on his second-factor
 * row, so the throttle's count and the used step hold against parallel guesses. A failure is counted
 * and committed before the error is thrown.
 */
/** Seals TOTP secrets at rest under field encryption's keys (a stored credential), opens them to check a code. */
export interface SecretCipher {
  seal(userId: string, secret: string, trx?: Executor): Promise<string>
  open(userId: string, stored: string, trx?: Executor): Promise<string>
}

export async function verifySecondFactor(
  db: Db,
  userId: string,
  rawCode: string,
  { allowRecovery, now, secrets }: { allowRecovery: boolean; now: number; secrets: SecretCipher },
  extra?: (trx: Executor) => Promise<void>,
): Promise<'totp' | 'recovery'> {
  const outcome = await db.transaction().execute(async (trx): Promise<Outcome> => {
    const row = await repo.findTwoFactor(trx, userId, true)
    if (!row) return { ok: false, error: new AppError('TWO_FACTOR_NOT_ENABLED') }
    const windowOpen = row.failedSince && now - row.failedSince.getTime() < FAILURE_WINDOW_MS
    if (windowOpen && row.failedCount >= MAX_CODE_FAILURES) {
      const retryAfter = Math.ceil((row.failedSince!.getTime() + FAILURE_WINDOW_MS - now) / 1000)
      return { ok: false, error: new AppError('RATE_LIMITED', 'Too many wrong codes for this account; try again later', { retryAfter }) }
    }
    const code = rawCode.trim()
    let result: Outcome
    if (looksLikeTotp(code)) {
      const step = matchStep(await secrets.open(userId, row.secret, trx), code.replace(/\s+/g, ''), now)
      if (step === null) result = { ok: false, error: codeError('TWO_FACTOR_CODE_INVALID', MESSAGES.invalid) }
      else if (!(await repo.claimStep(trx, userId, step))) result = { ok: false, error: codeError('TWO_FACTOR_CODE_REUSED', MESSAGES.reused) }
      else result = { ok: true, via: 'totp' }
    } else if (allowRecovery && row.confirmedAt) {
      const hash = recoveryCodeHash(code)
      if (await repo.useRecoveryCode(trx, userId, hash)) result = { ok: true, via: 'recovery' }
      else if (await repo.recoveryCodeExists(trx, userId, hash)) result = { ok: false, error: codeError('TWO_FACTOR_CODE_REUSED', MESSAGES.reused) }
      else result = { ok: false, error: codeError('TWO_FACTOR_CODE_INVALID', MESSAGES.invalid) }
    } else {
      result = { ok: false, error: codeError('TWO_FACTOR_CODE_INVALID', MESSAGES.invalid) }
    }
    if (result.ok) {
      if (row.failedCount) await repo.setFailures(trx, userId, 0, null)
      if (extra) await extra(trx)
    } else {
      await repo.setFailures(trx, userId, windowOpen ? row.failedCount + 1 : 1, windowOpen ? row.failedSince : new Date(now))
    }
    return result
  })
  if (!outcome.ok) throw outcome.error
  return outcome.via
}
