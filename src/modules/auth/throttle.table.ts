import type { Generated } from 'kysely'

/** Failed sign-ins counted per key: `pair:<email> <ip>`, `ip:<ip>` or `account:<email>`. */
export interface LoginThrottleTable {
  key: string
  failures: number
  lastAt: Generated<Date>
  blockedUntil: Date | null
}

/** Addresses an account signed in from: failures against the account from elsewhere do not slow these. */
export interface LoginKnownAddressesTable {
  email: string
  ip: string
  lastSuccessAt: Generated<Date>
}
