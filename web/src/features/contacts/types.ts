import type { z } from 'zod'
import type { Contact, ContactListQuery, contactCandidateSchema, contactCreateSchema, contactUpdateSchema } from '@server/modules/contacts/contacts.schema'

export type { Contact }
export type ContactInput = z.input<typeof contactCreateSchema>
export type ContactPatch = z.input<typeof contactUpdateSchema>
export type ContactChanges = Omit<ContactPatch, 'version'>
export type ContactListParams = Partial<ContactListQuery>
export type ContactCandidate = z.infer<typeof contactCandidateSchema>

export const contactKeys = {
  all: ['contacts'] as const,
  lists: () => [...contactKeys.all, 'list'] as const,
  list: (params: ContactListParams) => [...contactKeys.lists(), params] as const,
  detail: (id: string) => [...contactKeys.all, 'detail', id] as const,
}
