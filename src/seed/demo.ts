import type { Database } from '../db/database'
import { systemContext, type RequestContext, type Role } from '../server/context'
import { createServices } from '../services'
import { customerCreateSchema } from '../modules/customers/customers.schema'
import { contactCreateSchema } from '../modules/contacts/contacts.schema'
import { userCreateSchema } from '../modules/users/users.schema'
import { leadConvertSchema, leadCreateSchema } from '../modules/leads/leads.schema'
import { opportunityCreateSchema } from '../modules/opportunities/opportunities.schema'
import { activityCreateSchema } from '../modules/activities/activities.schema'
import { AppError } from '../server/errors'
import { seedDemoTickets } from '../modules/tickets/tickets.seed'
import { seedDemoQuotes } from '../modules/quotes/quotes.seed'
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
  const created: { id: string; owner: string; zh: boolean; name: string }[] = []

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
    created.push({ id: customer.id, owner, zh, name })
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

  const sales = await seedSalesStory(services, ctxOf, created, r)
  const tickets = await seedDemoTickets(db, services, ctxOf, { lead: 'admin', support: ['zhao.yang'] }, created)
  const quotes = await seedDemoQuotes(db, services, ctxOf('admin'))

  const width = Math.max(...USERS.map((u) => u.key.length)) + DEMO_DOMAIN.length + 1
  return [
    `Demo data: ${Object.keys(TEAMS).length} teams, ${USERS.length} users, ${customers} customers, ${contacts} contacts, ${sales.leads} leads, ${sales.opportunities} opportunities, ${sales.activities} activities.`,
    `Service desk: ${tickets} tickets (客户服务), dealt by the assignment rules.`,
    `Catalog and quotes: ${quotes.products} products, ${quotes.quotes} quotes (报价单), ${quotes.orders} orders (订单).`,
    `Sign in with any of these (password for all: ${DEMO_PASSWORD}):`,
    ...USERS.map((u) => `  ${`${u.key}@${DEMO_DOMAIN}`.padEnd(width)}  ${u.role.padEnd(9)}  ${u.name}${u.team ? `  (${TEAMS[u.team]})` : ''}`),
  ].join('\n')
}

const DAY = 86_400_000
const PRODUCTS: { zh: string; en: string; price: number }[] = [
  { zh: 'CRM 专业版（年订阅/用户）', en: 'CRM Professional (per user, yearly)', price: 1200 },
  { zh: '实施服务（人天）', en: 'Implementation services (person-day)', price: 2800 },
  { zh: '数据迁移', en: 'Data migration', price: 15000 },
  { zh: '培训服务', en: 'Training', price: 6000 },
  { zh: '年度维保', en: 'Annual maintenance', price: 18000 },
  { zh: '服务器硬件', en: 'Server hardware', price: 42000 },
]
const LEADS_ZH: [string, string, string][] = [
  ['孙丽', '苏州恒达精密机械有限公司', '采购经理'], ['吴刚', '杭州云帆网络科技有限公司', 'CTO'], ['郑洁', '成都锦程物流有限公司', '运营总监'],
  ['冯涛', '武汉博雅教育科技有限公司', '校长助理'], ['何敏', '佛山宏远汽车零部件有限公司', '总经理'], ['许晨', '宁波海川新能源有限公司', 'IT 经理'],
  ['韩雪', '青岛永安医疗器械有限公司', '采购主管'], ['曹阳', '合肥智星商贸有限公司', '老板'], ['邓辉', '西安卓越管理咨询有限公司', '合伙人'],
  ['彭亮', '长沙天成化工有限公司', '信息部主任'], ['曾琳', '厦门嘉禾餐饮管理有限公司', '运营经理'], ['谢峰', '郑州广立置业有限公司', '副总'],
  ['罗丹', '天津瑞丰投资管理有限公司', '行政经理'], ['高远', '无锡鼎盛机械制造有限公司', '厂长'], ['梁静', '重庆星辰文化传媒有限公司', '市场总监'],
  ['宋波', '南京汇通物流有限公司', '调度主管'], ['唐宁', '深圳明德网络科技有限公司', '产品经理'],
]
const LEADS_EN: [string, string, string][] = [
  ['Olivia Brown', 'Northwind Logistics LLC', 'COO'], ['Liam Wilson', 'Bluepeak Medical Inc.', 'IT Director'], ['Ava Martinez', 'Harbor Foods Co.', 'Owner'],
  ['Noah Davis', 'Summit Energy Group', 'Procurement Lead'], ['Mia Thompson', 'Cedar Media Ltd.', 'Marketing Manager'], ['Ethan Clark', 'Ironwood Manufacturing Corp.', 'Plant Manager'],
  ['Grace Hall', 'Silverline Capital LLC', 'Operations Manager'], ['Lucas Young', 'Evergreen Education Inc.', 'Dean'],
]
const LEAD_STATUS_CYCLE = ['new', 'new', 'contacted', 'qualified', 'contacted', 'unqualified', 'new', 'qualified'] as const
const LEAD_SOURCE_CYCLE = ['web', 'expo', 'referral', 'web', 'cold_call', 'expo', 'referral', 'web', 'partner']
const STAGE_CYCLE = ['qualification', 'needs_analysis', 'proposal', 'negotiation', 'won', 'qualification', 'needs_analysis', 'proposal', 'lost', 'negotiation'] as const
const LOST_ZH = ['价格高于预算', '选择了竞争对手', '项目暂停']
const LOST_EN = ['Chose a competitor', 'Budget frozen', 'Price above budget']

/**
 * The sales side of the demo, through the services so that audit rows, stage history and the
 * timelines are the real thing: leads from the web form, the expo and referrals (a few converted),
 * ~30 deals over every stage with product lines, some moved along the pipeline, and calls, meetings,
 * notes and tasks (open ones due today or overdue) on customers, leads and deals.
 */
async function seedSalesStory(
  services: ReturnType<typeof createServices>,
  ctxOf: (key: string) => RequestContext,
  customers: { id: string; owner: string; zh: boolean; name: string }[],
  r: ReturnType<typeof rng>,
): Promise<{ leads: number; opportunities: number; activities: number }> {
  const now = Date.now()
  const salesZh = ['li.qiang', 'wang.fang', 'lin.na']
  const at = (days: number, hour = 10) => {
    const d = new Date(now + days * DAY)
    d.setUTCHours(hour - 8, 0, 0, 0) // hour in China time
    return d.toISOString()
  }
  let activities = 0
  const act = async (owner: string, input: Record<string, unknown>) => {
    await services.activities.create(ctxOf(owner), activityCreateSchema.parse(input))
    activities++
  }

  // Leads: owned by the sales users (a few left for the manager to route), mixed statuses and sources.
  const leadRows: { id: string; owner: string; zh: boolean; status: string }[] = []
  const allLeads = [...LEADS_ZH.map((l) => [...l, true] as const), ...LEADS_EN.map((l) => [...l, false] as const)]
  for (const [i, [name, company, title, zh]] of allLeads.entries()) {
    // Every ninth Chinese lead is entered by the East China manager (his own until he hands it on).
    const owner = !zh ? 'emily.carter' : i % 9 === 8 ? 'zhou.min' : salesZh[i % salesZh.length]!
    const status = LEAD_STATUS_CYCLE[i % LEAD_STATUS_CYCLE.length]!
    const ctx = ctxOf(owner)
    const lead = await services.leads.create(ctx, leadCreateSchema.parse({
      name, company, title,
      email: zh ? `contact${i}@lead${i}-demo.cn` : `${name.toLowerCase().replace(' ', '.')}@${company.split(' ')[0]!.toLowerCase()}.com`,
      phone: zh ? `13${r.digits(1)} ${r.digits(4)} ${r.digits(4)}` : `+1 (415) 55${r.digits(1)}-${r.digits(4)}`,
      source: LEAD_SOURCE_CYCLE[i % LEAD_SOURCE_CYCLE.length],
      status,
      score: status === 'qualified' ? 70 + r.int(25) : status === 'unqualified' ? r.int(20) : 20 + r.int(50),
      description: i % 3 === 0 ? (zh ? '展会上留下名片，对移动端感兴趣。' : 'Filled in the web form; asked for a demo.') : null,
    }))
    leadRows.push({ id: lead.id, owner, zh, status })
  }
  // Two qualified leads become customers with a deal (the conversion writes its own audit and timeline rows).
  let converted = 0
  for (const l of leadRows.filter((x) => x.status === 'qualified').slice(0, 2)) {
    await services.leadConversion(ctxOf(l.owner), l.id, leadConvertSchema.parse({ amount: '86000', expectedCloseDate: at(45).slice(0, 10) }))
    converted++
  }
  // Activities on the open leads.
  for (const [i, l] of leadRows.filter((x) => x.status === 'new' || x.status === 'contacted').entries()) {
    await act(l.owner, { type: 'call', subject: l.zh ? '首次电话沟通' : 'First call', completedAt: at(-1 - (i % 5), 15), leadId: l.id })
    if (i % 2 === 0) await act(l.owner, { type: 'task', subject: l.zh ? '发送产品介绍' : 'Send the product overview', dueAt: at(i % 4 === 0 ? 0 : 2, 17), leadId: l.id })
  }

  // Deals over the customers of the sales users, each in a stage, with product lines.
  const deals: { id: string; owner: string; zh: boolean; stage: string; version: number; customerId: string }[] = []
  const owned = customers.filter((c) => ['li.qiang', 'wang.fang', 'lin.na', 'emily.carter'].includes(c.owner))
  for (let i = 0; i < 30; i++) {
    const c = owned[(i * 7) % owned.length]!
    const stage = STAGE_CYCLE[i % STAGE_CYCLE.length]!
    const closed = stage === 'won' || stage === 'lost'
    const lines = Array.from({ length: 1 + (i % 3) }, (_, k) => {
      const p = PRODUCTS[(i + k * 2) % PRODUCTS.length]!
      return { description: c.zh ? p.zh : p.en, quantity: String(k === 0 ? 5 + r.int(45) : 1 + r.int(10)), unitPrice: String(c.zh ? p.price : Math.round(p.price / 7)), discountPercent: String([0, 0, 5, 10, 15][r.int(5)]) }
    })
    const deal = await services.opportunities.create(ctxOf(c.owner), opportunityCreateSchema.parse({
      name: `${c.zh ? c.name.replace(/(股份|集团)?有限(责任)?公司$/, '') : c.name.split(' ').slice(0, 2).join(' ')} ${c.zh ? ['CRM 项目', '系统升级', '年度续约', '二期扩容'][i % 4] : ['CRM rollout', 'Upgrade', 'Renewal', 'Expansion'][i % 4]}`,
      customerId: c.id,
      stage: closed || i % 3 === 0 ? 'qualification' : stage, // some deals start at the beginning and move on below
      currency: c.zh ? 'CNY' : 'USD',
      expectedCloseDate: at(closed ? -10 - (i % 30) : 7 + i * 6).slice(0, 10),
      lines,
    }))
    deals.push({ id: deal.id, owner: c.owner, zh: c.zh, stage, version: deal.version, customerId: c.id })
  }
  // Stage changes: the pipeline has history.
  let moves = 0
  for (const d of deals) {
    const current = await services.opportunities.get(ctxOf(d.owner), d.id)
    if (current.stage === d.stage) continue
    const path = d.stage === 'won' ? ['proposal', 'negotiation', 'won'] : d.stage === 'lost' ? ['needs_analysis', 'lost'] : [d.stage]
    let version = current.version
    for (const stage of path) {
      const moved = await services.opportunities.update(ctxOf(d.owner), d.id, {
        version, stage, ...(stage === 'lost' ? { lostReason: r.pick(d.zh ? LOST_ZH : LOST_EN) } : {}),
      })
      version = moved.version
      moves++
    }
  }

  // Activities on deals and customers: done calls, meetings, e-mails and notes, open tasks (overdue, today, ahead).
  for (const [i, d] of deals.entries()) {
    const zh = d.zh
    await act(d.owner, { type: 'meeting', subject: zh ? '需求调研会议' : 'Discovery meeting', body: zh ? '确认了用户数和上线时间。' : 'Agreed on the number of users and the go-live date.', completedAt: at(-20 + (i % 10)), customerId: d.customerId, opportunityId: d.id })
    if (i % 2 === 0) await act(d.owner, { type: 'email', subject: zh ? '发送报价单' : 'Sent the quote', completedAt: at(-5 + (i % 4)), customerId: d.customerId, opportunityId: d.id })
    if (d.stage !== 'won' && d.stage !== 'lost') {
      const due = i % 3 === 0 ? -2 : i % 3 === 1 ? 0 : 3 + (i % 5)
      await act(d.owner, { type: 'task', subject: zh ? ['跟进报价反馈', '安排产品演示', '准备合同草案'][i % 3] : ['Follow up on the quote', 'Schedule the demo', 'Draft the contract'][i % 3], dueAt: at(due, 16), customerId: d.customerId, opportunityId: d.id })
    } else {
      await act(d.owner, { type: 'task', subject: zh ? '项目复盘' : 'Deal review', dueAt: at(-3, 16), completedAt: at(-2, 11), customerId: d.customerId, opportunityId: d.id })
    }
  }
  for (const [i, c] of owned.slice(0, 12).entries()) {
    await act(c.owner, { type: 'call', subject: c.zh ? '季度回访电话' : 'Quarterly check-in call', completedAt: at(-30 + i * 2), customerId: c.id })
    await act(c.owner, { type: 'note', subject: c.zh ? '客户关注交付周期和付款条件' : 'Cares about delivery time and payment terms', customerId: c.id })
  }
  return { leads: leadRows.length, opportunities: deals.length + converted, activities }
}
