import type { z } from 'zod'
import type {
  Customer,
  CustomerCandidate,
  CustomerListQuery,
  MergeField,
  customerCreateSchema,
  customerUpdateSchema,
} from '@server/modules/customers/customers.schema'
import type { AuditEntry } from '@server/modules/audit/audit.schema'

export type { Customer, AuditEntry, CustomerCandidate, MergeField }
/** What the form sends on create (the schema's input side: phone as typed, '' allowed). */
export type CustomerInput = z.input<typeof customerCreateSchema>
/** A PATCH body: the changed fields and the version the user saw. */
export type CustomerPatch = z.input<typeof customerUpdateSchema>
export type CustomerChanges = Omit<CustomerPatch, 'version'>
export type CustomerListParams = Partial<CustomerListQuery>
export type CustomerStatus = Customer['status']
export type CustomerType = Customer['type']
export type CustomerSort = 'name' | 'createdAt' | 'updatedAt'

/** Colour of each status tag; its keys are also the list of statuses (checked complete by the type). */
export const STATUS_COLORS = { prospect: 'blue', active: 'green', inactive: 'default' } as const satisfies Record<CustomerStatus, string>
export const CUSTOMER_STATUSES = Object.keys(STATUS_COLORS) as CustomerStatus[]

const typeIcons = { company: true, person: true } as const satisfies Record<CustomerType, true>
export const CUSTOMER_TYPES = Object.keys(typeIcons) as CustomerType[]

export const customerKeys = {
  all: ['customers'] as const,
  lists: () => [...customerKeys.all, 'list'] as const,
  list: (params: CustomerListParams) => [...customerKeys.lists(), params] as const,
  detail: (id: string) => [...customerKeys.all, 'detail', id] as const,
  history: (id: string) => [...customerKeys.all, 'history', id] as const,
}
