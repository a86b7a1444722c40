import type { ColumnType, Generated } from 'kysely'

export interface SettingsTable {
  key: string
  value: ColumnType<unknown, string, string>
  updatedAt: Generated<Date>
}
