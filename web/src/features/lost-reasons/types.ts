import type { z } from 'zod'
import type { LostReason, lostReasonCreateSchema, lostReasonUpdateSchema } from '@server/modules/lost-reasons/lost-reasons.schema'

export type { LostReason }
export type LostReasonCreate = z.input<typeof lostReasonCreateSchema>
export type LostReasonUpdate = z.input<typeof lostReasonUpdateSchema>

export const lostReasonKeys = { all: ['lost-reasons'] as const }

/** The reason's label in the UI's language. */
export const lostReasonLabel = (r: Pick<LostReason, 'labelZh' | 'labelEn'>, language: string) => (language.startsWith('zh') ? r.labelZh : r.labelEn)
