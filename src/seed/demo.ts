import type { Database } from '../db/database'
import { systemContext, type RequestContext, type Role } from '../server/context'
import { createServices } from '../services'
import { customerCreateSchema } from '../modules/customers/customers.schema'
import { contactCreateSchema } from '../modules/contacts/contacts.schema'
import { userCreateSchema } from '../modules/users/users.schema'
import { AppError } from '../server/errors'
import {
  BRAND_CHARS, BRANDS_EN, CITIES, CN_MOBILE_PREFIXES, COMPANY_SUFFIXES_EN, COMPANY_SUFFIXES_ZH, FIRST_NAMES_EN, GIVEN_NAMES,
  INDUSTRIES, LAST_NAMES_EN, PERSONAL_DOMAINS_CN, SOURCES, STREETS_EN, STREETS_ZH, SURNAMES, TITLES_EN, TITLES_ZH, US_CITIES,
} from './names'

export const DEMO_PASSWORD = 'demo-password-2026'
export const DEMO_DOMAIN = 'demo.example.com'

const TEAMS = { east: '华东销售 East China Sales', south: '华南销售 South China Sales', key: 'Key Accounts 大客户部' }

const USERS: { key: string; name: string; role: Role; team: keyof typeof TEAMS | null; locale: 'zh-CN' | 'en' }[] = [
  { key: 'admin', name: '陈静', role: 'admin', team: null, locale: 'zh-CN' },
  { key: 'zhou.min', name: '周敏', role: 'manager', team: 'east', locale: 'zh-CN' },
  { key: 'li.qiang', name: '李强', role: 'sales', team: 'east', locale: 'zh-CN' },
  { key: 'wang.fang', name: '王芳', role: 'sales', team: 'east', locale: 'zh-CN' },
  { key: 'huang.lei', name: '黄磊', role: 'manager', team: 'south', locale: 'zh-CN' },
  { key: 'lin.na', name: '林娜', role: 'sales', team: 'south', locale: 'zh-CN' },
  { key: 'emily.carter', name: 'Emily Carter', role: 'sales', team: 'key', locale: 'en' },
  { key: 'zhao.yang', name: '赵洋', role: 'support', team: null, locale: 'zh-CN' },
  { key: 'sophia.lee', name: 'Sophia Lee', role: 'marketing', team: null, locale: 'en' },
]

/** Deterministic pseudo-random numbers (mulberry32), so every demo looks the same. */
function rng(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!
  const digits = (n: number) => Array.from({ length: n }, () => int(10)).join('')
  return { next, int, pick, digits }
}

/**
 * A small, lively bilingual data set for a new Kith: teams, one user of each role, ~60 customers
 * and ~150 contacts, written through the services (validation, ownership and audit are real).
 * Refuses to run on a database that already has customers.
 */
export async function seedDemo(database: Database, opts: { defaultRegion?: string } = {}): Promise<string> {
  const { db } = database
  const existing = Number((await db.selectFrom('customers').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
  if (existing > 0) {
    throw new Error(`This database already has ${existing} customers; the demo data set is only added to an empty Kith (nothing was changed).`)
  }
  const services = createServices(db, { defaultRegion: opts.defaultRegion ?? 'CN', loginMaxAttempts: 10 })
  const r = rng(2026)

  // Users: the demo admin first (created as the system), then the others by him.
  const ids = new Map<string, { id: string; role: Role; teamId: string | null }>()
  const findUser = (email: string) => db.selectFrom('users').select(['id', 'role', 'teamId']).where('email', '=', email).executeTakeFirst()
  const adminEmail = `admin@${DEMO_DOMAIN}`
  let admin = await findUser(adminEmail)
  if (!admin) {
    const created = await services.users.create(null, userCreateSchema.parse({ email: adminEmail, name: USERS[0]!.name, role: 'admin', locale: 'zh-CN', password: DEMO_PASSWORD }))
    admin = { id: created.id, role: created.role, teamId: created.teamId }
  }
  if (admin.role !== 'admin') throw new Error(`${adminEmail} exists but is not an admin; remove it or seed another database`)
  const adminCtx = systemContext({ userId: admin.id, role: 'admin', teamId: null }, 'seed-demo')

  const teamIds: Record<string, string> = {}
  for (const [key, name] of Object.entries(TEAMS)) {
    try {
      teamIds[key] = (await services.teams.create(adminCtx, { name })).id
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'TEAM_NAME_TAKEN')) throw err
      teamIds[key] = (await db.selectFrom('teams').select('id').where('name', '=', name).where('deletedAt', 'is', null).executeTakeFirstOrThrow()).id
    }
  }
  ids.set('admin', admin)
  for (const u of USERS.slice(1)) {
    const email = `${u.key}@${DEMO_DOMAIN}`
    const teamId = u.team ? teamIds[u.team]! : null
    const found = await findUser(email)
    const row = found ?? (await services.users.create(adminCtx, userCreateSchema.parse({ email, name: u.name, role: u.role, teamId, locale: u.locale, password: DEMO_PASSWORD })))
    ids.set(u.key, { id: row.id, role: row.role, teamId: row.teamId })
  }
  const ctxOf = (key: string): RequestContext => {
    const u = ids.get(key)!
    return systemContext({ userId: u.id, role: u.role, teamId: u.teamId }, 'seed-demo')
  }

  // Customers, each created by its owner: East China gets most, Key Accounts the English ones.
  const zhOwners = ['li.qiang', 'wang.fang', 'li.qiang', 'wang.fang', 'zhou.min', 'lin.na', 'lin.na', 'huang.lei']
  const enOwners = ['emily.carter', 'emily.carter', 'lin.na']
  const usedNames = new Set<string>()
  const mobile = () => `${r.pick(CN_MOBILE_PREFIXES)} ${r.digits(4)} ${r.digits(4)}`
  const usPhone = (area: string) => `+1 (${area}) ${2 + r.int(8)}${2 + r.int(8)}${r.int(10)}-${r.digits(4)}`
  let customers = 0
  let contacts = 0
  const updated: { id: string; owner: string }[] = []

  for (let i = 0; i < 60; i++) {
    const zh = i % 4 !== 3
    const person = i % 5 === 4
    const ind = r.pick(INDUSTRIES)
    const city = r.pick(CITIES)
    const us = r.pick(US_CITIES)
    let name: string
    let domain: string | null = null
    if (zh && person) name = r.pick(SURNAMES)[0] + r.pick(GIVEN_NAMES)[0]
    else if (person) name = `${r.pick(FIRST_NAMES_EN)} ${r.pick(LAST_NAMES_EN)}`
    else if (zh) {
      const [a, b] = [r.pick(BRAND_CHARS), r.pick(BRAND_CHARS)]
      name = `${city.zh}${a[0]}${b[0]}${ind.word}${r.pick(COMPANY_SUFFIXES_ZH)}`
      domain = `${a[1]}${b[1]}-${ind.domain}.cn`
    } else {
      const [a, b] = [r.pick(BRANDS_EN), r.pick(BRANDS_EN)]
      name = `${a} ${b} ${ind.en} ${r.pick(COMPANY_SUFFIXES_EN)}`
      domain = `${a}${b}.com`.toLowerCase()
    }
    if (usedNames.has(name)) continue
    usedNames.add(name)
    const owner = zh ? zhOwners[i % zhOwners.length]! : enOwners[i % enOwners.length]!
    const tags = [...new Set([r.pick(['重点客户', 'VIP', '老客户', '新客户', '待跟进', '高潜力', '渠道']), ...(r.next() < 0.3 ? ['战略合作'] : [])])]
    const customer = await services.customers.create(ctxOf(owner), customerCreateSchema.parse({
      type: person ? 'person' : 'company',
      name,
      email: domain ? `${r.pick(['info', 'sales', 'contact'])}@${domain}` : zh ? `${r.pick(GIVEN_NAMES)[1]}${r.digits(3)}@${r.pick(PERSONAL_DOMAINS_CN)}` : `${name.toLowerCase().replace(' ', '.')}@gmail.com`,
      phone: zh ? (person || r.next() < 0.5 ? mobile() : `0${city.areaCode}-${2 + r.int(5)}${r.digits((city.localDigits ?? 8) - 1)}`) : usPhone(us.areaCode),
      website: domain ? `www.${domain}` : null,
      industry: person ? null : ind.zh,
      address: zh
        ? { country: '中国', region: city.region, city: `${city.zh}市`, street: `${r.pick(STREETS_ZH)}${1 + r.int(800)}号`, postalCode: city.postal }
        : { country: 'United States', region: us.state, city: us.city, street: `${1 + r.int(9000)} ${r.pick(STREETS_EN)}`, postalCode: us.zip },
      tags,
      status: r.pick(['prospect', 'active', 'active', 'inactive'] as const),
      source: r.pick(SOURCES),
      description: r.next() < 0.3 ? (zh ? '年度框架协议客户，关注续约与回款。' : 'Quarterly business review; renewal due next quarter.') : null,
    }))
    customers++
    if (i % 6 === 0) updated.push({ id: customer.id, owner })

    const count = person ? 1 : 2 + r.int(3)
    for (let c = 0; c < count; c++) {
      const [sur, given] = [r.pick(SURNAMES), r.pick(GIVEN_NAMES)]
      const [first, last] = [r.pick(FIRST_NAMES_EN), r.pick(LAST_NAMES_EN)]
      await services.contacts.create(ctxOf(owner), contactCreateSchema.parse({
        customerId: customer.id,
        name: person ? name : zh ? sur[0] + given[0] : `${first} ${last}`,
        title: person ? null : c === 0 ? r.pick(zh ? ['总经理', '采购经理', '董事长'] : ['CEO', 'CTO', 'Purchasing Manager']) : r.pick(zh ? TITLES_ZH : TITLES_EN),
        email: person ? null : zh ? `${given[1]}.${sur[1]}@${domain}` : `${first}.${last}@${domain}`.toLowerCase(),
        phone: zh ? mobile() : usPhone(us.areaCode),
        isPrimary: c === 0,
      }))
      contacts++
    }
  }

  // A little history: some customers moved on since they were first entered.
  for (const u of updated) {
    const current = await services.customers.get(ctxOf(u.owner), u.id)
    await services.customers.update(ctxOf(u.owner), u.id, { version: current.version, status: current.status === 'active' ? 'inactive' : 'active' })
  }

  const width = Math.max(...USERS.map((u) => u.key.length)) + DEMO_DOMAIN.length + 1
  return [
    `Demo data: ${Object.keys(TEAMS).length} teams, ${USERS.length} users, ${customers} customers, ${contacts} contacts.`,
    `Sign in with any of these (password for all: ${DEMO_PASSWORD}):`,
    ...USERS.map((u) => `  ${`${u.key}@${DEMO_DOMAIN}`.padEnd(width)}  ${u.role.padEnd(9)}  ${u.name}${u.team ? `  (${TEAMS[u.team]})` : ''}`),
  ].join('\n')
}
