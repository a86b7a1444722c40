import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, scrypt, timingSafeEqual } from 'node:crypto'
import { Transform, type TransformCallback } from 'node:stream'
import { BackupFileError } from './backup.errors'

/**
 * AES-256-GCM in chunks, so a file of any size streams through with bounded memory: each chunk has
 * its own tag, a nonce of a random prefix and the chunk's index, and the header's hash, the index
 * and a last-chunk flag as authenticated data — chunks cannot be reordered, swapped between files
 * or cut off at the end without the check failing.
 */
const CHUNK = 1024 * 1024
const FINAL = 0x80000000
const TAG = 16
const SCRYPT = { N: 2 ** 15, r: 8, p: 1 }

export interface EncryptionHeader {
  kdf: 'scrypt'
  N: number
  r: number
  p: number
  salt: string
  noncePrefix: string
  /** HMAC of the fields above under the key: tells a wrong passphrase from a damaged file. */
  keyCheck: string
}

const deriveKey = (passphrase: string, salt: Buffer, p: { N: number; r: number; p: number }) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), salt, 32, { ...p, maxmem: 256 * p.N * p.r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key))),
  )

const keyCheckOf = (key: Buffer, h: Omit<EncryptionHeader, 'keyCheck'>) =>
  createHmac('sha256', key).update(`kith-backup-key-check:${h.kdf}:${h.N}:${h.r}:${h.p}:${h.salt}:${h.noncePrefix}`).digest('base64')

export async function newEncryption(passphrase: string): Promise<{ header: EncryptionHeader; key: Buffer }> {
  const salt = randomBytes(16)
  const key = await deriveKey(passphrase, salt, SCRYPT)
  const base = { kdf: 'scrypt' as const, ...SCRYPT, salt: salt.toString('base64'), noncePrefix: randomBytes(4).toString('base64') }
  return { header: { ...base, keyCheck: keyCheckOf(key, base) }, key }
}

export async function openEncryption(passphrase: string, header: EncryptionHeader): Promise<Buffer> {
  // Bounds on the file's own cost parameters: a foreign header must not make scrypt take minutes or gigabytes.
  if (header.kdf !== 'scrypt' || header.N > 2 ** 20 || header.r > 16 || header.p > 4) throw new BackupFileError('damaged', 'its encryption header is not one Kith writes')
  const key = await deriveKey(passphrase, Buffer.from(header.salt, 'base64'), header)
  const { keyCheck, ...base } = header
  const expected = Buffer.from(keyCheckOf(key, base), 'base64')
  const given = Buffer.from(keyCheck, 'base64')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new BackupFileError('wrong-key', 'the passphrase or key file does not open it')
  return key
}

const nonce = (prefix: Buffer, index: number) => {
  const n = Buffer.alloc(12)
  prefix.copy(n, 0, 0, 4)
  n.writeBigUInt64BE(BigInt(index), 4)
  return n
}

const aad = (headerHash: Buffer, index: number, final: boolean) => {
  const a = Buffer.alloc(headerHash.length + 9)
  headerHash.copy(a)
  a.writeBigUInt64BE(BigInt(index), headerHash.length)
  a[headerHash.length + 8] = final ? 1 : 0
  return a
}

export const headerHash = (headerBytes: Buffer) => createHash('sha256').update(headerBytes).digest()

export function encryptStream(key: Buffer, header: EncryptionHeader, hash: Buffer): Transform {
  const prefix = Buffer.from(header.noncePrefix, 'base64')
  let index = 0
  let pending: Buffer[] = []
  let size = 0
  const seal = (plain: Buffer, final: boolean) => {
    const c = createCipheriv('aes-256-gcm', key, nonce(prefix, index))
    c.setAAD(aad(hash, index, final))
    const body = Buffer.concat([c.update(plain), c.final()])
    const len = Buffer.alloc(4)
    len.writeUInt32BE((plain.length | (final ? FINAL : 0)) >>> 0)
    index++
    return Buffer.concat([len, body, c.getAuthTag()])
  }
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      pending.push(chunk)
      size += chunk.length
      while (size >= CHUNK) {
        const all = Buffer.concat(pending)
        this.push(seal(all.subarray(0, CHUNK), false))
        pending = [all.subarray(CHUNK)]
        size = pending[0].length
      }
      done()
    },
    flush(done: TransformCallback) {
      this.push(seal(Buffer.concat(pending), true))
      done()
    },
  })
}

export function decryptStream(key: Buffer, header: EncryptionHeader, hash: Buffer): Transform {
  const prefix = Buffer.from(header.noncePrefix, 'base64')
  let index = 0
  let buf: Buffer = Buffer.alloc(0)
  let ended = false
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk
      try {
        while (buf.length >= 4) {
          if (ended) throw new BackupFileError('damaged', 'it has data after its last encrypted chunk')
          const word = buf.readUInt32BE(0)
          const final = (word & FINAL) !== 0
          const len = word & ~FINAL
          if (len > CHUNK) throw new BackupFileError('damaged', 'an encrypted chunk has an impossible length')
          if (buf.length < 4 + len + TAG) break
          const d = createDecipheriv('aes-256-gcm', key, nonce(prefix, index))
          d.setAAD(aad(hash, index, final))
          d.setAuthTag(buf.subarray(4 + len, 4 + len + TAG))
          let plain: Buffer
          try {
            plain = Buffer.concat([d.update(buf.subarray(4, 4 + len)), d.final()])
          } catch {
            throw new BackupFileError('damaged', `encrypted chunk ${index} fails its authentication (the file was altered or damaged)`)
          }
          buf = buf.subarray(4 + len + TAG)
          index++
          ended = final
          this.push(plain)
        }
        done()
      } catch (err) {
        done(err as Error)
      }
    },
    flush(done: TransformCallback) {
      if (!ended || buf.length) done(new BackupFileError('truncated', 'it ends before its last encrypted chunk'))
      else done()
    },
  })
}
