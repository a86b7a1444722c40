import type { z } from 'zod'
import type { Quote, QuoteListQuery, quoteLineInputSchema, quoteLineSchema, quoteSendSchema, quoteUpdateSchema } from '@server/modules/quotes/quotes.schema'

export type { Quote }
export type QuoteStatus = Quote['status']
export type QuoteLine = z.infer<typeof quoteLineSchema>
export type QuoteLineInput = z.input<typeof quoteLineInputSchema>
export type QuotePatch = z.input<typeof quoteUpdateSchema>
export type QuoteSend = z.input<typeof quoteSendSchema>
export type QuoteListParams = Partial<QuoteListQuery>

/** Colour per status; its keys are also the list of statuses (checked complete by the type). */
export const QUOTE_STATUS_COLORS = { draft: 'default', sent: 'blue', accepted: 'green', rejected: 'red', expired: 'orange' } as const satisfies Record<QuoteStatus, string>
export const QUOTE_STATUSES = Object.keys(QUOTE_STATUS_COLORS) as QuoteStatus[]

/** Only the latest revision changes. Lines, language and valid-until can change while the quote is a draft (in place) or sent (as a new revision). */
export const isEditable = (q: Quote) => q.isLatest && (q.status === 'draft' || q.status === 'sent')
export const QUOTE_LANGUAGES = ['zh-CN', 'en'] as const satisfies readonly Quote['language'][]

export const quoteKeys = {
  all: ['quotes'] as const,
  lists: () => [...quoteKeys.all, 'list'] as const,
  list: (params: QuoteListParams) => [...quoteKeys.lists(), params] as const,
  detail: (id: string) => [...quoteKeys.all, 'detail', id] as const,
}
