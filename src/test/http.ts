import type { LightMyRequestResponse } from 'fastify'
import { expect } from 'vitest'
import type { AuthHeaders, TestApp } from './test-app'

export type Res = LightMyRequestResponse

/** Short request helpers over app.inject(); `as` is the caller's headers (none = anonymous). */
export function http(t: TestApp) {
  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, as: AuthHeaders = {}, payload?: unknown) =>
    t.app.inject({ method, url, headers: as, ...(payload !== undefined ? { payload: payload as object } : {}) })
  return {
    get: (url: string, as?: AuthHeaders) => call('GET', url, as),
    post: (url: string, body: unknown, as?: AuthHeaders) => call('POST', url, as, body),
    put: (url: string, body: unknown, as?: AuthHeaders) => call('PUT', url, as, body),
    patch: (url: string, body: unknown, as?: AuthHeaders) => call('PATCH', url, as, body),
    del: (url: string, as?: AuthHeaders) => call('DELETE', url, as),
  }
}

export const bearer = (secret: string): AuthHeaders => ({ authorization: `Bearer ${secret}` })

/** Asserts an RFC 9457 problem+json reply with this status and, when given, these paths in `errors[]`. */
export function expectProblem(res: Res, status: number, paths?: string[]) {
  expect(res.statusCode, res.body).toBe(status)
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/)
  const body = res.json()
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status })
  if (paths) {
    expect(Array.isArray(body.errors), 'errors[] expected').toBe(true)
    expect(body.errors.map((e: { path: string }) => e.path)).toEqual(expect.arrayContaining(paths))
  }
  return body as { type: string; title: string; status: number; detail?: string; code: string; errors?: { path: string; message: string }[]; current?: any; requiredScope?: string }
}

export const ids = (res: Res): string[] => res.json().items.map((i: { id: string }) => i.id)
