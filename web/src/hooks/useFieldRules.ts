import type { FormRule } from 'antd'
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useAuth } from '../features/auth/hooks/useAuth'

/** Extension words the server reads too ("转 8001"). */
const CHINESE_EXT = /\s*(?:转|轉|分机|分機|内线|內線)\s*(\d{1,7})\s*$/

/** Whether the phone could be one (as the server reads it: without a country code, one of the default region's). */
export function looksLikePhone(value: string, region: string): boolean {
  const parsed = parsePhoneNumberFromString(value.replace(CHINESE_EXT, ' ext. $1'), region as CountryCode)
  return !!parsed && parsed.isValid()
}

/** A web address as the server takes it: http(s), the scheme may be left out. */
export function looksLikeWebsite(value: string): boolean {
  const s = value.trim()
  // Chromium's URL parser takes "not a web address" as a host (escaping the spaces); the server's does not.
  if (/\s/.test(s)) return false
  try {
    const url = new URL(/^https?:\/\//i.test(s) ? s : `https://${s}`)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '' && !url.hostname.includes('%')
  } catch {
    return false
  }
}

const blank = (v: unknown) => v === undefined || v === null || String(v).trim() === ''

/**
 * The format rules of contact fields (e-mail, phone, website), shared by every form that has them.
 * Each is a field rule of its own, so a form shows every bad field at once, under the field; the
 * server checks the same (and reports all of them in one 400) and stays the authority.
 */
export function useFieldRules(): { email: FormRule[]; phone: FormRule[]; website: FormRule[] } {
  const { t } = useTranslation()
  const { defaultRegion } = useAuth()
  return useMemo(
    () => ({
      email: [{ type: 'email', message: t('validation.email') }],
      phone: [{ validator: (_, v) => (blank(v) || looksLikePhone(String(v), defaultRegion) ? Promise.resolve() : Promise.reject(new Error(t('validation.phone')))) }],
      website: [{ validator: (_, v) => (blank(v) || looksLikeWebsite(String(v)) ? Promise.resolve() : Promise.reject(new Error(t('validation.website')))) }],
    }),
    [t, defaultRegion],
  )
}
