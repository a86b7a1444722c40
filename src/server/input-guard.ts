import type { FastifyInstance } from 'fastify'
import { AppError } from './errors'

const decoder = new TextDecoder('utf-8', { fatal: true })
const badText = (v: string) => !v.isWellFormed() || v.includes('\u0000')
// In a URL a replacement character means a percent-escape that was not UTF-8.
const badUrlText = (v: string) => badText(v) || v.includes('\uFFFD')
// The query-string parser keeps a percent-escape that is not UTF-8 (`%FF`, an encoded surrogate) as
// literal text; decodeURIComponent refuses exactly those (a bare % not followed by two hex digits is let through).
const badEscapes = (url: string) => {
  try {
    decodeURIComponent(url.replace(/%(?![0-9a-fA-F]{2})/g, '%25'))
    return false
  } catch {
    return true
  }
}
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Strict JSON: invalid UTF-8, lone surrogates and NUL characters are refused with a 400 instead
 * of being stored as replacement characters or failing in the database; prototype keys are refused.
 */
export function registerInputGuard(app: FastifyInstance): void {
  // Query strings and path parameters get the same check (a %00 would otherwise reach SQL).
  app.addHook('preValidation', async (request) => {
    const values = [
      ...Object.values((request.query ?? {}) as Record<string, unknown>),
      ...Object.values((request.params ?? {}) as Record<string, unknown>),
    ]
    if (badEscapes(request.url)) throw new AppError('BAD_REQUEST', 'The URL contains an invalid character')
    for (const v of values.flat()) {
      if (typeof v === 'string' && badUrlText(v)) throw new AppError('BAD_REQUEST', 'The URL contains an invalid character')
    }
  })

  app.removeContentTypeParser('application/json')
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body: Buffer, done) => {
    if (body.length === 0) return done(null, undefined)
    let text: string
    try {
      text = decoder.decode(body)
    } catch {
      return done(new AppError('BAD_REQUEST', 'The body is not valid UTF-8'), undefined)
    }
    try {
      const value = JSON.parse(text, (key, v) => {
        if (FORBIDDEN_KEYS.has(key)) throw new AppError('BAD_REQUEST', `Forbidden key "${key}"`)
        if (typeof v === 'string' && badText(v)) {
          throw new AppError('BAD_REQUEST', `Text contains an invalid character${key ? ` in "${key}"` : ''}`)
        }
        return v
      })
      done(null, value)
    } catch (err) {
      done(err instanceof AppError ? err : new AppError('BAD_REQUEST', 'The body is not valid JSON'), undefined)
    }
  })
}
