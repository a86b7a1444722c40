import type { z } from 'zod'
import type { companyProfileSchema, companyProfileUpdateSchema } from '@server/modules/company/company.schema'

export type CompanyProfile = z.infer<typeof companyProfileSchema>
export type CompanyProfileInput = z.input<typeof companyProfileUpdateSchema>

export const companyKeys = { profile: ['company', 'profile'] as const }

/** Largest logo accepted before upload (the server keeps it as a data URL in settings). */
export const MAX_LOGO_BYTES = 512 * 1024 // as company.schema.ts (which needs Node's Buffer, so is not imported here)
export const LOGO_TYPES = ['image/png', 'image/jpeg'] as const
