import { sql, type Expression, type SqlBool } from 'kysely'
import type { Scope } from '../server/permissions'

/** The ownership filter of server/permissions.ts as SQL, for tables with owner_id and team_id. */
export function scopeCondition(scope: Scope, alias: string): Expression<SqlBool> | null {
  if (scope === null) return null
  if (scope === 'none') return sql<SqlBool>`false`
  const owner = sql.ref(`${alias}.ownerId`)
  const team = sql.ref(`${alias}.teamId`)
  if (scope.teamId === null) return sql<SqlBool>`${owner} = ${scope.ownerId}::uuid`
  return sql<SqlBool>`(${owner} = ${scope.ownerId}::uuid OR ${team} = ${scope.teamId}::uuid)`
}
