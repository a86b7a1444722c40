import type { Role } from '../../server/context'

/**
 * What a token may touch, by module. A scope is `<module>:read` or `<module>:write` (write includes
 * read), `*` standing for every module. Free of Node globals: the web app imports it too.
 */
export const SCOPE_MODULES = [
  'customers', 'contacts', 'leads', 'opportunities', 'activities', 'products', 'quotes', 'orders', 'tickets',
  'campaigns', 'reports', 'imports', 'search', 'users', 'audit', 'settings', 'profile',
] as const
export type ScopeModule = (typeof SCOPE_MODULES)[number]
export type ScopeAccess = 'read' | 'write'

export const ALL_SCOPES = ['*:read', '*:write', ...SCOPE_MODULES.flatMap((m) => [`${m}:read`, `${m}:write`])] as const
/** What tokens made before scopes existed were given, and what a token gets when none are asked for. */
export const FULL_ACCESS = ['*:write']

/** The first path segment under /api/v1 → its module; a route whose segment is missing here needs a `*` scope. */
const MODULE_OF: Record<string, ScopeModule> = {
  customers: 'customers', contacts: 'contacts', leads: 'leads', 'lead-routing': 'leads',
  opportunities: 'opportunities', 'pipeline-stages': 'opportunities', 'lost-reasons': 'opportunities', activities: 'activities', products: 'products',
  quotes: 'quotes', orders: 'orders', tickets: 'tickets', 'ticket-assignment-rules': 'tickets', 'ticket-sla': 'tickets',
  campaigns: 'campaigns', 'campaign-settings': 'campaigns', 'mailing-lists': 'campaigns', suppressions: 'campaigns',
  reports: 'reports', 'sales-targets': 'reports', imports: 'imports', search: 'search',
  users: 'users', teams: 'users', 'audit-log': 'audit', settings: 'settings', backups: 'settings', onboarding: 'settings', auth: 'profile', 'api-tokens': 'profile',
  // A person's data across customers, contacts and leads (admins only, whatever the scope).
  privacy: 'customers',
}

/** Scopes a role could never use: asking for them when making a token is refused. */
const BEYOND_ROLE: Partial<Record<Role, string[]>> = {
  manager: ['users:write', 'settings:write'],
  sales: ['users:write', 'settings:write', 'audit:read', 'audit:write'],
  support: ['users:write', 'settings:write', 'audit:read', 'audit:write'],
  marketing: ['users:write', 'settings:write', 'audit:read', 'audit:write'],
}

export function moduleOfPath(routePath: string): ScopeModule | null {
  const segment = routePath.replace(/^\/api\/v1\//, '').split(/[/?]/)[0] ?? ''
  return MODULE_OF[segment] ?? null
}

/** The scope a request needs: reads for GET and HEAD, writes for everything else. */
export function requiredScope(routePath: string, method: string): string {
  const access: ScopeAccess = method === 'GET' || method === 'HEAD' ? 'read' : 'write'
  return `${moduleOfPath(routePath) ?? '*'}:${access}`
}

export function grants(scopes: readonly string[], needed: string): boolean {
  const [module, access] = needed.split(':') as [string, ScopeAccess]
  const has = (m: string, a: ScopeAccess) => scopes.includes(`${m}:${a}`)
  if (has('*', 'write') || (module !== '*' && has(module, 'write'))) return true
  return access === 'read' && (has('*', 'read') || (module !== '*' && has(module, 'read')))
}

/**
 * Requested scopes the role could never use, or that the token making the request does not hold
 * itself. `*` means "whatever the role allows": every request is still checked against the user's
 * current role, so no scope lifts a token above its creator.
 */
export function scopesBeyond(requested: readonly string[], role: Role, holder: readonly string[] | undefined): string[] {
  const refusedByRole = BEYOND_ROLE[role] ?? []
  return requested.filter((s) => refusedByRole.includes(s) || (holder !== undefined && !grants(holder, s)))
}
