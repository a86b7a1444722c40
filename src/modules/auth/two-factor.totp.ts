import { randomBytes } from 'node:crypto'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { sha256 } from './tokens'

export const ISSUER = 'Kith'
/** RFC 6238 defaults every authenticator app understands: SHA-1, 6 digits, 30 s. */
const PERIOD = 30
export const RECOVERY_CODE_COUNT = 10

const totpFor = (secret: string, label = '') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) })

/** 160 random bits, as RFC 4226 recommends, in the base32 form apps accept by hand too. */
export const newTotpSecret = (): string => new Secret({ size: 20 }).base32

export async function enrolment(secret: string, email: string) {
  const otpauthUrl = totpFor(secret, email).toString()
  const svg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' })
  return { secret, otpauthUrl, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` }
}

/**
 * The time step a code belongs to, within one step of now either way (clock drift, a code typed
 * as it rolled over), or null. Replay is refused by the caller, which stores the last step used.
 */
export function matchStep(secret: string, code: string, now: number): number | null {
  if (!/^\d{6}$/.test(code)) return null
  const delta = totpFor(secret).validate({ token: code, timestamp: now, window: 1 })
  return delta === null ? null : Math.floor(now / 1000 / PERIOD) + delta
}

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

/** 16 characters of a 31-letter alphabet (~79 bits), shown as xxxx-xxxx-xxxx-xxxx. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(16)
  let out = ''
  // 256 % 31 leaves a bias under 1% per character: negligible next to 79 bits.
  for (const b of bytes) out += CODE_ALPHABET[b % CODE_ALPHABET.length]
  return out.match(/.{4}/g)!.join('-')
}

/**
 * Recovery codes carry ~79 random bits, beyond any offline search, so a fast hash suffices (a slow one
 * would cost ten argon2 runs a sign-in and add nothing). Typed in any case, with or without dashes.
 */
export const recoveryCodeHash = (code: string): string => sha256(code.toLowerCase().replace(/[^a-z0-9]/g, ''))

export const looksLikeTotp = (code: string) => /^\d{6}$/.test(code.replace(/\s+/g, ''))
