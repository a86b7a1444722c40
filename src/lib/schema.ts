import { z } from 'zod'
import { isTimeZone } from './time-zone'

/** Shared vocabulary of every entity schema. */
export const id = z.uuid()
export const timestamp = z.iso.datetime({ offset: true })
export const version = z.number().int().min(1)

/** Trimmed single-line text; empty after trimming counts as absent where optional. */
export const text = (max: number) => z.string().trim().max(max)
export const requiredText = (max: number) => z.string().trim().min(1, 'Required').max(max)
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()

/** Optional e-mail: blank clears it, stored lower-cased. */
export const optionalEmail = z
  .string()
  .trim()
  .max(254)
  .transform((s) => (s === '' ? null : s.toLowerCase()))
  .pipe(z.email('Invalid e-mail address').nullable())
  .nullable()
  .optional()

export const recordMeta = {
  id,
  createdAt: timestamp,
  updatedAt: timestamp,
  createdBy: id.nullable(),
  version,
}

export const listQueryBase = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(1000).optional(),
}

/** An IANA time zone the runtime and the database know: filters by calendar day, the company's and a user's zone, an import's. */
export const timeZone = z.string().max(64).refine(isTimeZone, 'An IANA time zone such as Asia/Shanghai or America/New_York')

export const idParams = z.strictObject({ id })

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() })

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string().optional(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    current: z.unknown().optional(),
  })
  .meta({ id: 'Problem' })

export const iso = (d: Date) => d.toISOString()

export { isTimeZone }
