import type { FormInstance } from 'antd'
import { isApiError } from './ApiError'

/**
 * Puts the server's field errors under the matching form fields ("address.city" → ['address', 'city']).
 * Returns true when at least one error found its field, so the caller need not show a message too.
 */
export function applyFieldErrors(form: FormInstance, error: unknown, translate: (message: string) => string): boolean {
  if (!isApiError(error) || error.errors.length === 0) return false
  const known = new Set(form.getFieldsError().map((f) => f.name.join('.')))
  const fields = error.errors
    .filter((e) => known.has(e.path))
    .map((e) => ({ name: e.path.split('.'), errors: [translate(e.message)] }))
  if (fields.length === 0) return false
  form.setFields(fields)
  return true
}

/** Trims strings and turns '' into null, so a cleared field clears the value on the server. */
export function emptyToNull<T extends Record<string, unknown>>(values: T): T {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') out[k] = v.trim() === '' ? null : v.trim()
    else if (v && typeof v === 'object' && !Array.isArray(v)) out[k] = emptyToNull(v as Record<string, unknown>)
    else out[k] = v === undefined ? null : v
  }
  return out as T
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)

/** The fields of `next` whose value differs from `before` (a PATCH body without version). */
export function changedFields<T extends Record<string, unknown>>(before: Partial<T>, next: T): Partial<T> {
  const out: Partial<T> = {}
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (!same(before[key], next[key])) out[key] = next[key]
  }
  return out
}
