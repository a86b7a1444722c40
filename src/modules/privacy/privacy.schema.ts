import { z } from 'zod'

export const PRIVACY_KINDS = ['customer', 'contact', 'lead'] as const
export type PrivacyKind = (typeof PRIVACY_KINDS)[number]

export const privacyParams = z.strictObject({ kind: z.enum(PRIVACY_KINDS), id: z.uuid() })

export const privacyEraseSchema = z
  .strictObject({
    version: z.number().int().min(1).describe('the version of the record the caller last saw (a stale one gets 409)'),
    confirm: z.string().max(500).describe("the record's name, typed by the user as confirmation"),
  })
  .meta({ id: 'PrivacyErase' })

export const privacyErasureSchema = z
  .object({
    kind: z.enum(PRIVACY_KINDS),
    id: z.uuid(),
    rows: z.record(z.string(), z.number().int()).describe('rows anonymised, removed or redacted, per table'),
    suppressedHashes: z.number().int().describe('e-mail addresses kept only as a SHA-256 in the suppression list'),
  })
  .meta({ id: 'PrivacyErasure' })
export type PrivacyErasure = z.infer<typeof privacyErasureSchema>

/** What an erased text becomes: the same in every language, so a report or an export shows one marker. */
export const ERASED = '[erased]'
