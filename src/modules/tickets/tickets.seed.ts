import type { Db } from '../../db/database'
import type { RequestContext } from '../../server/context'
import type { Services } from '../../services'
import { createTicketService } from './tickets.service'
import { ticketCreateSchema, ticketCommentCreateSchema, publicTicketSchema } from './tickets.schema'

const MIN = 60_000
const HOUR = 60 * MIN

interface DemoTicket {
  at: number
  zh: boolean
  input: Record<string, unknown>
  /** What happens next, each step `after` ms after the ticket was opened. */
  steps?: ({ after: number } & ({ reply: string; fromCustomer?: boolean; internal?: boolean } | { status: string; resolution?: string } | { satisfaction: number; comment?: string }))[]
}

/**
 * Demo tickets through the ticket service, on a clock set back to when each ticket "happened",
 * so deadlines, first responses and breaches look like a real week of a support desk: some
 * answered in time, one breached, one about to breach, resolved and rated ones, a web-form one.
 */
export async function seedDemoTickets(
  db: Db,
  services: Services,
  ctxOf: (key: string) => RequestContext,
  agents: { lead: string; support: string[] },
  customers: { id: string; zh: boolean; name: string }[],
): Promise<number> {
  let clock = Date.now()
  const tickets = createTicketService({
    db, audit: services.audit, customers: services.customers, contacts: services.contacts, orders: services.orders, products: services.products,
    assignment: services.ticketAssignment, defaultRegion: 'CN', encryption: services.encryption, now: () => new Date(clock),
  })
  const lead = ctxOf(agents.lead)
  const supportIds = agents.support.map((k) => ctxOf(k).actor.userId)
  await services.ticketAssignment.putRules(lead, [
    { name: '投诉优先 Complaints', type: 'complaint', priority: null, customerTeamId: null, assigneeIds: supportIds.slice(0, 1), strategy: 'round_robin', active: true },
    { name: '全部工单 Everything else', type: null, priority: null, customerTeamId: null, assigneeIds: supportIds, strategy: 'least_loaded', active: true },
  ])
  const zh = customers.filter((c) => c.zh)
  const en = customers.filter((c) => !c.zh)
  const now = Date.now()
  const list: DemoTicket[] = [
    { at: now - 5 * 24 * HOUR, zh: true, input: { type: 'inquiry', subject: '如何导出本月的发票？', channel: 'phone', customerId: zh[0]?.id, description: '财务想在月底前导出全部发票。' },
      steps: [{ after: 40 * MIN, reply: '您好，在"财务 → 发票"页面右上角可以导出。' }, { after: 2 * HOUR, status: 'resolved', resolution: '已电话指导客户导出发票。' }, { after: 3 * HOUR, satisfaction: 5, comment: '很快解决' }] },
    { at: now - 4 * 24 * HOUR, zh: true, input: { type: 'complaint', priority: 'high', subject: '送货延误三天', channel: 'email', customerId: zh[1]?.id, description: '订单承诺周一送达，周四才到。', expectedResolution: '减免运费并说明原因' },
      steps: [{ after: 30 * MIN, reply: '非常抱歉，我们正在核实物流情况。' }, { after: 5 * HOUR, reply: '原因查明：仓库调度错误，已为您减免运费。' }, { after: 6 * HOUR, status: 'resolved', resolution: '退还运费 50 元，并向客户致歉。' }, { after: 30 * HOUR, satisfaction: 3 }, { after: 50 * HOUR, status: 'closed' }] },
    { at: now - 30 * HOUR, zh: true, input: { type: 'after_sales', priority: 'normal', subject: '设备开机后报错 E102', channel: 'phone', customerId: zh[2]?.id, description: '新装的服务器每次开机都报 E102。' },
      steps: [{ after: 20 * MIN, internal: true, reply: '可能是内存条松动，先远程排查。' }, { after: 50 * MIN, reply: '请您拍一张报错界面的照片发给我们。' }, { after: 60 * MIN, status: 'pending' }, { after: 20 * HOUR, fromCustomer: true, reply: '照片已发邮件，请查收。' }, { after: 21 * HOUR, reply: '收到，工程师明天上午上门更换内存。' }, { after: 21 * HOUR + MIN, status: 'pending' }] },
    // Nobody has answered this urgent one: its first-response deadline has passed.
    { at: now - 3 * HOUR, zh: true, input: { type: 'complaint', priority: 'urgent', subject: '系统无法登录，全公司停工', channel: 'phone', customerId: zh[3]?.id, expectedResolution: '立即恢复登录' } },
    // About to breach: opened 7½ hours ago with an 8-hour first-response target.
    { at: now - 7.5 * HOUR, zh: true, input: { type: 'inquiry', subject: '能否增加两个用户账号？', channel: 'chat', contactName: '钱女士', contactPhone: '13912345678' } },
    { at: now - 26 * HOUR, zh: false, input: { type: 'inquiry', priority: 'low', subject: 'Do you support single sign-on?', channel: 'email', customerId: en[0]?.id },
      steps: [{ after: 3 * HOUR, reply: 'Yes — SAML and OIDC are both supported on the Professional plan.' }, { after: 4 * HOUR, status: 'resolved', resolution: 'Sent the SSO set-up guide.' }] },
    { at: now - 6 * HOUR, zh: false, input: { type: 'after_sales', priority: 'high', subject: 'Replacement part arrived damaged', channel: 'in_person', customerId: en[1]?.id, expectedResolution: 'Ship a new part' },
      steps: [{ after: 15 * MIN, reply: 'We are shipping a new part today by express.' }] },
  ]
  let n = 0
  for (const d of list) {
    clock = d.at
    const input = Object.fromEntries(Object.entries(d.input).filter(([, v]) => v !== undefined))
    const created = await tickets.create(lead, ticketCreateSchema.parse(input))
    n++
    let version = created.version
    const agent = created.assigneeId ? { ...lead, actor: { userId: created.assigneeId, role: 'support' as const, teamId: null } } : lead
    for (const s of d.steps ?? []) {
      clock = d.at + s.after
      if ('reply' in s) {
        await tickets.comment(agent, created.id, ticketCommentCreateSchema.parse({ body: s.reply, fromCustomer: s.fromCustomer ?? false, internal: s.internal ?? false }))
        version = (await tickets.get(agent, created.id)).version
      } else if ('status' in s) {
        version = (await tickets.update(agent, created.id, { status: s.status as 'resolved', resolution: s.resolution, version })).version
      } else {
        // The customer's own rating, as the mailed survey records it.
        await tickets.importRating(created.id, s.satisfaction, s.comment ?? null, { requestId: 'seed-demo' })
        version = (await tickets.get(agent, created.id)).version
      }
    }
  }
  clock = now - 45 * MIN
  await tickets.submitPublic(publicTicketSchema.parse({
    type: 'inquiry', subject: '想了解企业版的价格', description: '我们有 50 人的销售团队，请发一份报价。', contactName: '马先生', contactEmail: 'ma.xiansheng@example.cn',
  }), { requestId: 'seed-demo' })
  return n + 1
}
