import type { TFunction } from 'i18next'
import type { ReactNode } from 'react'
import { formatDateTime, looksLikeTimestamp } from './format'

/** How a record's fields are named and shown to people; one per entity. */
export interface FieldDisplay {
  label: (field: string) => string
  value: (field: string, value: unknown) => ReactNode
}

export const EMPTY = '—'

/** Plain rendering of any JSON value: null → —, arrays as lists, objects as their non-empty parts. */
export function formatValue(value: unknown, t: TFunction, lang: string): string {
  if (value === null || value === undefined || value === '') return EMPTY
  if (typeof value === 'boolean') return value ? t('common.yes') : t('common.no')
  if (looksLikeTimestamp(value)) return formatDateTime(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY
    return value.map((v) => formatValue(v, t, lang)).join(lang.startsWith('zh') ? '、' : ', ')
  }
  if (typeof value === 'object') {
    const parts = Object.values(value as Record<string, unknown>).filter((v) => v !== null && v !== undefined && v !== '')
    return parts.length ? parts.map((v) => formatValue(v, t, lang)).join(', ') : EMPTY
  }
  return String(value)
}

/** Label from `<prefix>.<field>` when translated, else the field name itself. */
export function labelFrom(t: TFunction, exists: (key: string) => boolean, prefix: string) {
  return (field: string) => (exists(`${prefix}.${field}`) ? t(`${prefix}.${field}`) : field)
}
