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

const MAX_DEPTH = 64

/**
 * Why a parsed body is refused, or null. A walk over the parsed value rather than a JSON.parse
 * reviver: Node 20's V8, once a reviver has run often enough, accepts a trailing comma
 * (`{"name": "x",`) with a reviver that it refuses without one. Iterative, with a depth limit, so a
 * deeply nested body is a 400 rather than a stack overflow.
 */
function badValue(root: unknown): string | null {
  const stack: [unknown, string, number][] = [[root, '', 0]]
  while (stack.length) {
    const [v, key, depth] = stack.pop()!
    if (typeof v === 'string') {
      if (badText(v)) return `Text contains an invalid character${key ? ` in "${key}"` : ''}`
    } else if (v !== null && typeof v === 'object') {
      if (depth >= MAX_DEPTH) return `The body is nested deeper than ${MAX_DEPTH} levels`
      for (const [k, child] of Object.entries(v)) {
        if (FORBIDDEN_KEYS.has(k)) return `Forbidden key "${k}"`
        if (badText(k)) return 'A key contains an invalid character'
        stack.push([child, Array.isArray(v) ? key : k, depth + 1])
      }
    }
  }
  return null
}

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
    let value: unknown
    try {
      value = JSON.parse(text)
    } catch {
      return done(new AppError('BAD_REQUEST', 'The body is not valid JSON'), undefined)
    }
    const fault = badValue(value)
    done(fault ? new AppError('BAD_REQUEST', fault) : null, fault ? undefined : value)
  })
}
