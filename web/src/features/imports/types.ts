import type { z } from 'zod'
import type {
  ImportAnalysis,
  ImportField,
  ImportOptionsInput,
  ImportPreview,
  ImportStatus,
  ImportUndoResult,
  ImportEntity,
  RowError,
  importListQuerySchema,
} from '@server/modules/imports/imports.schema'

export type { ImportAnalysis, ImportField, ImportOptionsInput, ImportPreview, ImportStatus, ImportUndoResult, ImportEntity, RowError }
export type ImportListParams = Partial<z.infer<typeof importListQuerySchema>>
export type ImportMode = NonNullable<ImportOptionsInput['mode']>
export type DedupeKey = NonNullable<ImportOptionsInput['dedupeBy']>
export type Mapping = Record<string, string | null>
export type ValueMapping = Record<string, Record<string, string>>

export const IMPORT_ENTITY_LIST: ImportEntity[] = ['customers', 'contacts', 'leads', 'opportunities', 'mailing-list-members', 'users']

/** Rows that join a static mailing list (marketing and admins): they need the list, and add rather than create or update. */
export const LIST_MEMBERS = 'mailing-list-members' satisfies ImportEntity

/** People who use Kith (admins only): matched by e-mail, created or skipped, never updated. */
export const USERS = 'users' satisfies ImportEntity

/** Statuses after which nothing moves any more: polling stops. */
export const SETTLED = new Set<ImportStatus['status']>(['ready', 'dry_run_done', 'completed', 'failed', 'undone'])

export const importKeys = {
  all: ['imports'] as const,
  lists: () => [...importKeys.all, 'list'] as const,
  list: (params: ImportListParams) => [...importKeys.lists(), params] as const,
  detail: (id: string) => [...importKeys.all, 'detail', id] as const,
}
