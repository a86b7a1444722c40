import { z } from 'zod'
import { id } from '../../lib/schema'

export const SEARCH_KINDS = ['customer', 'contact', 'lead', 'opportunity', 'ticket'] as const

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'Required').max(200),
  limit: z.coerce.number().int().min(1).max(50).default(10),
})

export const searchHitSchema = z
  .object({ kind: z.enum(SEARCH_KINDS), id, title: z.string(), subtitle: z.string().nullable() })
  .meta({ id: 'SearchHit' })
export type SearchHit = z.infer<typeof searchHitSchema>

export const searchResultSchema = z.object({ items: z.array(searchHitSchema) })
