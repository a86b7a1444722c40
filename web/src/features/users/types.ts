import type { z } from 'zod'
import type { User, UserListQuery, userCreateSchema, userUpdateSchema } from '@server/modules/users/users.schema'
import type { Role } from '@server/server/context'

export type { User, Role }
export type UserInput = z.input<typeof userCreateSchema>
export type UserPatch = z.input<typeof userUpdateSchema>
export type UserListParams = Partial<UserListQuery>

export const ROLE_COLORS = {
  admin: 'magenta',
  manager: 'purple',
  sales: 'blue',
  support: 'cyan',
  marketing: 'orange',
} as const satisfies Record<Role, string>
export const ROLES = Object.keys(ROLE_COLORS) as Role[]

export const userKeys = {
  all: ['users'] as const,
  list: (params: UserListParams) => [...userKeys.all, 'list', params] as const,
  /** Every user (for names and pickers); a CRM has dozens, not thousands. */
  directory: () => [...userKeys.all, 'directory'] as const,
}
