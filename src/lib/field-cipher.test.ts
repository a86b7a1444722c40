import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { blindIndex, fingerprint, isSealed, open, parseKey, seal, sealedKeyId } from './field-cipher'

const key = { id: 'k1', bytes: randomBytes(32) }

describe('field cipher', () => {
  it('round-trips text, Chinese included, and names its key', () => {
    const s = seal(key, '送货延误三天，客户很生气', 'tickets.description:t1')
    expect(isSealed(s)).toBe(true)
    expect(s).not.toContain('送货')
    expect(sealedKeyId(s)).toBe('k1')
    expect(open(key.bytes, s, 'tickets.description:t1')).toBe('送货延误三天，客户很生气')
  })

  it('gives a different ciphertext each time (random IV)', () => {
    expect(seal(key, 'same', 'a')).not.toBe(seal(key, 'same', 'a'))
  })

  it('refuses a value moved to another row or field, altered, or under another key', () => {
    const s = seal(key, 'secret', 'tickets.description:t1')
    expect(() => open(key.bytes, s, 'tickets.description:t2')).toThrow(/does not open/)
    expect(() => open(randomBytes(32), s, 'tickets.description:t1')).toThrow(/does not open/)
    const body = s.slice(s.lastIndexOf(':') + 1)
    const flipped = Buffer.from(body, 'base64url')
    flipped[14]! ^= 1
    expect(() => open(key.bytes, s.replace(body, flipped.toString('base64url')), 'tickets.description:t1')).toThrow(/does not open/)
    expect(() => open(key.bytes, 'kenc:v1:k1:abc', 'x')).toThrow(/truncated/)
  })

  it('reads keys in base64 or hex, 256 bits only', () => {
    const k = randomBytes(32)
    expect(parseKey(k.toString('base64'))).toEqual(k)
    expect(parseKey(k.toString('hex'))).toEqual(k)
    expect(parseKey(randomBytes(16).toString('base64'))).toBeUndefined()
    expect(parseKey('not a key')).toBeUndefined()
  })

  it('fingerprints and blind indexes are stable per key and differ across keys', () => {
    const other = randomBytes(32)
    expect(fingerprint(key.bytes)).toBe(fingerprint(key.bytes))
    expect(fingerprint(key.bytes)).not.toBe(fingerprint(other))
    expect(blindIndex(key.bytes, 'a@b.cn')).toBe(blindIndex(key.bytes, 'a@b.cn'))
    expect(blindIndex(other, 'a@b.cn')).not.toBe(blindIndex(key.bytes, 'a@b.cn'))
  })
})
