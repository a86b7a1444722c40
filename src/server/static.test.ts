import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebIfStale } from '../../scripts/build-if-stale.mjs'
import type { Manifest } from '../../scripts/bundle-budget'
import { createTestApp, type TestApp } from '../test/test-app'
import { webDist } from './static'

// The built web app as the server sends it: pre-compressed, hashed files cached for good,
// index.html never. `npm test` builds web/dist before this runs.
let t: TestApp
let entry: string

beforeAll(async () => {
  buildWebIfStale()
  const manifest = JSON.parse(readFileSync(join(webDist, '.vite/manifest.json'), 'utf8')) as Manifest
  entry = `/${manifest['index.html']!.file}`
  t = await createTestApp()
}, 15 * 60_000)
afterAll(() => t?.close())

const get = (url: string, acceptEncoding?: string) => t.app.inject({ method: 'GET', url, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} })

describe('the web app over HTTP', () => {
  it('sends a hashed script brotli-compressed to a browser that takes br, cached for a year as immutable', async () => {
    const raw = readFileSync(join(webDist, entry))
    const res = await get(entry, 'gzip, deflate, br, zstd')
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-encoding']).toBe('br')
    expect(res.headers['content-type']).toMatch(/javascript/)
    expect(res.headers.vary).toMatch(/accept-encoding/i)
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(res.rawPayload.length).toBeLessThan(raw.length / 3)
    expect(brotliDecompressSync(res.rawPayload).equals(raw)).toBe(true)
  })

  it('sends gzip to a client without brotli, and the file itself to one that takes neither', async () => {
    const raw = readFileSync(join(webDist, entry))
    const gz = await get(entry, 'gzip')
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gunzipSync(gz.rawPayload).equals(raw)).toBe(true)
    const plain = await get(entry)
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.rawPayload.equals(raw)).toBe(true)
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable')
  })

  it('never lets a browser keep index.html without asking: a new build must reach it at once', async () => {
    for (const url of ['/', '/login', '/customers/some-id']) {
      const res = await get(url, 'gzip, br')
      expect(res.statusCode, url).toBe(200)
      expect(res.headers['cache-control'], url).toBe('no-cache')
      expect(res.headers['content-type'], url).toMatch(/text\/html/)
    }
    expect((await get('/assets/missing-0000.js', 'br')).statusCode).toBe(404)
  })
})
