import { SCOPE_MODULES, type ScopeModule } from '@server/modules/api-tokens/api-tokens.scopes'

export { SCOPE_MODULES, type ScopeModule }
export type Access = 'full' | 'read' | 'custom'
export type ModuleAccess = 'none' | 'read' | 'write'

/** What the token form's choices send as `scopes`. */
export function scopesOf(access: Access, perModule: Partial<Record<ScopeModule, ModuleAccess>>): string[] {
  if (access === 'full') return ['*:write']
  if (access === 'read') return ['*:read']
  return SCOPE_MODULES.flatMap((m) => (perModule[m] && perModule[m] !== 'none' ? [`${m}:${perModule[m]}`] : []))
}
