import type { Db } from '../../db/database'
import { AppError } from '../../server/errors'
import * as repo from './throttle.repository'
import type { ThrottleRule } from './throttle.repository'

const DELAY = { baseSeconds: 30, capSeconds: 15 * 60, resetSeconds: 60 * 60 }
/** An address that signed into the account within this time is the owner's, not an attacker's. */
const KNOWN_FOR_MS = 90 * 86400_000

export interface Admission {
  email: string
  ip: string
  keys: string[]
}

/**
 * Sign-in throttling with growing delays instead of a lock: an attempt is counted before the
 * password is checked (so parallel guesses cannot all pass a check made before any was counted),
 * against three keys —
 * - the account from this address: `free` guesses, then 30 s, 1 min, 2 min, … up to 15 minutes;
 * - the address, over every account: five times as many, against sprays;
 * - the account from addresses that never signed into it: slows guessing spread over many
 *   addresses without slowing the owner at his usual address.
 * A right password gives its attempt back and clears the account-and-address count.
 */
export function createLoginThrottle({ db, free }: { db: Db; free: number }) {
  const rules: Record<string, ThrottleRule> = {
    pair: { free, ...DELAY },
    ip: { free: free * 5, ...DELAY },
    account: { free, ...DELAY },
  }
  const ruleOf = (key: string) => rules[key.slice(0, key.indexOf(':'))]!

  async function refuse(keys: string[]): Promise<never> {
    const retryAfter = Math.max(1, await repo.secondsBlocked(db, keys))
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfter} seconds`, { retryAfter })
  }

  async function admissionOf(email: string, ip: string | undefined): Promise<Admission> {
    const address = ip ?? 'unknown'
    const keys = [`pair:${email} ${address}`, `ip:${address}`]
    if (!(await repo.isKnownAddress(db, email, address, new Date(Date.now() - KNOWN_FOR_MS)))) keys.push(`account:${email}`)
    return { email, ip: address, keys }
  }

  return {
    /** The keys an attempt of this account from this address counts against, without counting one. */
    admissionOf,

    /** Counts the attempt, or throws a 429 with Retry-After while a delay runs. */
    async admit(email: string, ip: string | undefined): Promise<Admission> {
      const { keys, ip: address } = await admissionOf(email, ip)
      // Refused attempts are not counted: waiting out a delay is all it takes.
      if ((await repo.secondsBlocked(db, keys)) > 0) await refuse(keys)
      const taken: string[] = []
      for (const key of keys) {
        if (!(await repo.takeAttempt(db, key, ruleOf(key)))) {
          await repo.giveBack(db, taken)
          await refuse(keys)
        }
        taken.push(key)
      }
      return { email, ip: address, keys }
    },

    async succeeded({ email, ip, keys }: Admission): Promise<void> {
      await repo.clearKey(db, keys[0]!)
      await repo.giveBack(db, keys.slice(1))
      await repo.rememberAddress(db, email, ip)
      await repo.deleteStale(db, DELAY.resetSeconds)
    },
  }
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>
