import type { Config } from './config'
import type { Db } from './db/database'
import { createAuditService } from './modules/audit/audit.service'
import { createUserService } from './modules/users/users.service'
import { createTeamService } from './modules/teams/teams.service'
import { createAuthService } from './modules/auth/auth.service'
import { createApiTokenService } from './modules/api-tokens/api-tokens.service'
import { createSetupService } from './modules/setup/setup.service'
import { createCustomerService, type CustomerDependent } from './modules/customers/customers.service'
import { createContactService } from './modules/contacts/contacts.service'
import { createSearchService } from './modules/search/search.service'

/** Wires every module's service with its explicit dependencies (no container). */
export function createServices(db: Db, config: Pick<Config, 'defaultRegion' | 'loginMaxAttempts'>) {
  const audit = createAuditService({ db })
  const users = createUserService({ db })
  const teams = createTeamService({ db })
  const auth = createAuthService({ db, maxAttempts: config.loginMaxAttempts })
  const apiTokens = createApiTokenService({ db })
  const setup = createSetupService({ db, auth })
  const dependents: CustomerDependent[] = []
  const customers = createCustomerService({ db, users, audit, defaultRegion: config.defaultRegion, dependents })
  const contacts = createContactService({ db, customers, defaultRegion: config.defaultRegion })
  dependents.push(contacts.dependent)
  const search = createSearchService({ customers, contacts })
  return { audit, users, teams, auth, apiTokens, setup, customers, contacts, search }
}

export type Services = ReturnType<typeof createServices>
