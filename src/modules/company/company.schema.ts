import { z } from 'zod'
import { optionalEmail, optionalText, requiredText, timeZone, timestamp } from '../../lib/schema'
import { currencySchema } from '../../lib/money'

/** A logo small enough for a settings row and a PDF header (decoded bytes). */
export const MAX_LOGO_BYTES = 512 * 1024

const DATA_URL = /^data:image\/(png|jpeg|jpg);base64,([A-Za-z0-9+/]+={0,2})$/
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const JPEG = [0xff, 0xd8, 0xff]

/** The first `n` bytes that base64 text (without its padding) decodes to. */
function base64Head(text: string, n: number): number[] {
  const out: number[] = []
  let acc = 0
  let bits = 0
  for (let i = 0; i < text.length && out.length < n; i++) {
    acc = ((acc << 6) | BASE64.indexOf(text[i]!)) & 0xfff
    bits += 6
    if (bits >= 8) {
      bits -= 8
      out.push((acc >> bits) & 0xff)
    }
  }
  return out
}

const startsWith = (head: number[], magic: number[]) => head.length >= magic.length && magic.every((b, i) => head[i] === b)

/**
 * The image inside a data URL, when it really is a PNG or JPEG (checked by its magic bytes, not its
 * label), with its decoded size. Free of Node globals, as the web app imports this file's types;
 * the server decodes the bytes with decodeLogo (company.logo.ts).
 */
export function logoInfo(dataUrl: string): { type: 'png' | 'jpeg'; base64: string; byteLength: number } | null {
  const m = DATA_URL.exec(dataUrl)
  if (!m) return null
  const base64 = m[2]!
  const text = base64.replace(/=+$/, '')
  const byteLength = Math.floor((text.length * 3) / 4)
  const head = base64Head(text, PNG.length)
  if (startsWith(head, PNG)) return { type: 'png', base64, byteLength }
  if (startsWith(head, JPEG)) return { type: 'jpeg', base64, byteLength }
  return null
}

const logo = z
  .string()
  .max(Math.ceil((MAX_LOGO_BYTES * 4) / 3) + 64, `The logo may be at most ${MAX_LOGO_BYTES / 1024} KB`)
  .refine((v) => logoInfo(v) !== null, 'A PNG or JPEG image as a data: URL (data:image/png;base64,…)')
  .refine((v) => (logoInfo(v)?.byteLength ?? 0) <= MAX_LOGO_BYTES, `The logo may be at most ${MAX_LOGO_BYTES / 1024} KB`)
  .nullable()
  .optional()

export const companyProfileSchema = z
  .object({
    name: z.string().describe('shown at the top of every quote'),
    address: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    website: z.string().nullable(),
    taxId: z.string().nullable().describe('统一社会信用代码 / VAT number'),
    logo: z.string().nullable().describe('data:image/png|jpeg;base64,… (at most 512 KB)'),
    quoteValidityDays: z.number().int().describe('default days a new quote is valid'),
    quoteTerms: z.string().nullable().describe('printed under the totals of every quote'),
    currency: z.string().describe('ISO 4217: new deals, products and campaigns, imports without a currency column and reports default to it'),
    timeZone: z.string().describe('IANA: reports count months and days in it, imports read date-only timestamps in it; unset, the SLA business-hours zone or Asia/Shanghai'),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'CompanyProfile' })
export type CompanyProfile = z.infer<typeof companyProfileSchema>

export const companyProfileUpdateSchema = z
  .strictObject({
    name: requiredText(200),
    address: optionalText(1000),
    phone: optionalText(60),
    email: optionalEmail,
    website: optionalText(300),
    taxId: optionalText(60),
    logo,
    quoteValidityDays: z.number().int().min(1).max(365).optional(),
    quoteTerms: optionalText(4000),
    currency: currencySchema.optional(),
    timeZone: timeZone.optional(),
  })
  .meta({ id: 'CompanyProfileUpdate' })
export type CompanyProfileUpdate = z.infer<typeof companyProfileUpdateSchema>

export const companyBrandSchema = z
  .object({ name: z.string(), logo: z.string().nullable().describe('data:image/png|jpeg;base64,…') })
  .meta({ id: 'CompanyBrand' })
