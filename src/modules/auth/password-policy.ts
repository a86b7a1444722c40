import type { Executor } from '../../db/database'
import { fieldError } from '../../server/errors'
import commonPasswords from './common-passwords.json'
import { readSecuritySettings } from './security-settings'

// Source and licence: common-passwords.NOTICE.md.
const common = new Set((commonPasswords as string[]).map((p) => p.toLowerCase()))

export interface PasswordOwner {
  email?: string | null
  name?: string | null
}

/** The messages the web app translates (serverMessages in its i18n files). */
export const POLICY_MESSAGES = {
  common: 'This password is one of the most common passwords',
  personal: 'The password must not contain your e-mail address or name',
} as const
export const tooShort = (n: number) => `At least ${n} characters`

/** Why a password is refused, or null: too short, a common password, or built from the owner's e-mail or name. */
export function passwordProblem(password: string, minLength: number, owner: PasswordOwner = {}): string | null {
  if ([...password].length < minLength) return tooShort(minLength)
  const lower = password.toLowerCase()
  if (common.has(lower)) return POLICY_MESSAGES.common
  const email = owner.email?.toLowerCase() ?? ''
  const parts = [email, email.split('@')[0] ?? '', owner.name?.toLowerCase().replace(/\s+/g, '') ?? '']
  // Short names ("li", "al") occur by chance in good passwords; only refuse the recognisable ones.
  if (parts.some((p) => p.length >= 4 && lower.replace(/\s+/g, '').includes(p))) return POLICY_MESSAGES.personal
  return null
}

/** Throws a 400 on `path` when the policy in force refuses the password (create, change, reset, CLI). */
export async function assertPasswordPolicy(trx: Executor, password: string, owner: PasswordOwner, path = 'password'): Promise<void> {
  const { passwordMinLength } = await readSecuritySettings(trx)
  const problem = passwordProblem(password, passwordMinLength, owner)
  if (problem) throw fieldError(path, problem)
}
