import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto'

/**
 * Envelope of one encrypted value: `kenc:v1:<key id>:<base64url of iv ‖ ciphertext ‖ tag>`,
 * AES-256-GCM. The additional data binds it to its place (field and row), so a value copied
 * into another row or column no longer opens. The prefix lets old plaintext and ciphertext
 * live side by side while a rotation or a newly encrypted field catches up.
 */
const PREFIX = 'kenc:v1:'
const IV = 12
const TAG = 16

export interface DataKey {
  id: string
  bytes: Buffer
}

export const isSealed = (v: string): boolean => v.startsWith(PREFIX)

export function sealedKeyId(v: string): string {
  const end = v.indexOf(':', PREFIX.length)
  if (!isSealed(v) || end < 0) throw new CipherError('not an encrypted value')
  return v.slice(PREFIX.length, end)
}

export function seal(key: DataKey, plaintext: string, aad: string): string {
  const iv = randomBytes(IV)
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv)
  cipher.setAAD(Buffer.from(aad))
  const body = Buffer.concat([iv, cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()])
  return `${PREFIX}${key.id}:${body.toString('base64url')}`
}

export function open(keyBytes: Buffer, value: string, aad: string): string {
  const body = Buffer.from(value.slice(value.indexOf(':', PREFIX.length) + 1), 'base64url')
  if (body.length < IV + TAG) throw new CipherError('encrypted value is truncated')
  const decipher = createDecipheriv('aes-256-gcm', keyBytes, body.subarray(0, IV))
  decipher.setAAD(Buffer.from(aad))
  decipher.setAuthTag(body.subarray(body.length - TAG))
  try {
    return Buffer.concat([decipher.update(body.subarray(IV, body.length - TAG)), decipher.final()]).toString('utf8')
  } catch {
    throw new CipherError('encrypted value does not open with its key (altered, moved, or a different key)')
  }
}

/** A short public name of a key, to say which key a database expects without revealing it. */
export const fingerprint = (key: Buffer): string =>
  createHmac('sha256', key).update('kith key fingerprint').digest('hex').slice(0, 16)

/**
 * A key for one purpose derived from the master key (HKDF-style HMAC expansion): the blind
 * index key is not a data key, so rotating data keys never changes an index value.
 */
export const deriveKey = (master: Buffer, purpose: string): Buffer => createHmac('sha256', master).update(`kith derived key: ${purpose}`).digest()

/** A keyed hash for exact-match lookups of an encrypted value (blind index). */
export const blindIndex = (key: Buffer, normalised: string): string =>
  createHmac('sha256', key).update(normalised).digest('base64url').slice(0, 22)

/** Reads a 256-bit key written as base64 (44 characters) or hex (64). */
export function parseKey(text: string): Buffer | undefined {
  const t = text.trim()
  const bytes = /^[0-9a-f]{64}$/i.test(t) ? Buffer.from(t, 'hex') : /^[A-Za-z0-9+/_-]{43}=?$/.test(t) ? Buffer.from(t, 'base64') : undefined
  return bytes?.length === 32 ? bytes : undefined
}

export class CipherError extends Error {}
