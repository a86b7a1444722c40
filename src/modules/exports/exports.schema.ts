import { z } from 'zod'
import { contactListQuerySchema } from '../contacts/contacts.schema'
import { customerListQuerySchema } from '../customers/customers.schema'
import { leadListQuerySchema } from '../leads/leads.schema'
import { opportunityListQuerySchema } from '../opportunities/opportunities.schema'

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]
export const EXPORT_LANGS = ['zh-CN', 'en'] as const

/** What every export adds to its list's filters (which it takes unchanged, less paging). */
const exportParams = {
  format: z.enum(EXPORT_FORMATS).default('csv'),
  columns: z
    .string()
    .max(1000)
    .optional()
    .transform((s) => (s ? s.split(',').map((k) => k.trim()).filter(Boolean) : undefined))
    .describe('comma-separated column keys, in order; default all'),
  lang: z.enum(EXPORT_LANGS).optional().describe('language of the headers and labels; default from Accept-Language'),
  tz: z.string().max(64).optional().describe('IANA time zone for timestamps, e.g. Asia/Shanghai; default UTC'),
}

const paging = { limit: true, cursor: true } as const

export const exportQuerySchemas = {
  customers: customerListQuerySchema.omit(paging).extend(exportParams),
  contacts: contactListQuerySchema.omit(paging).extend(exportParams),
  leads: leadListQuerySchema.omit(paging).extend(exportParams),
  opportunities: opportunityListQuerySchema.omit(paging).extend(exportParams),
}
export type ExportEntity = keyof typeof exportQuerySchemas
export const EXPORT_ENTITIES = Object.keys(exportQuerySchemas) as ExportEntity[]
export type ExportQuery<E extends ExportEntity> = z.infer<(typeof exportQuerySchemas)[E]>
