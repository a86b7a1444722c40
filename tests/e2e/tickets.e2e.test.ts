/**
 * Customer service in a real browser against a real server: a customer submits the public form
 * (no sign-in) and gets a ticket number; the admin finds it under "Unassigned", matches the
 * unknown caller to a customer and assigns it to a support user; the support user replies,
 * adds an internal note, is stopped from resolving without a resolution and resolves with one;
 * the acknowledgement, the reply and the resolution arrive at a real SMTP server (the internal note
 * never does), the customer opens the survey link from the mail and rates 4 with one click, and the
 * ticket shows his rating, read-only. The same in English for an English ticket. The ticket shows
 * on the customer's page. Screenshots in 中文 and English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'
import { startSmtpServer, type TestSmtpServer, type ReceivedMail } from '../../src/test/smtp-server'

const ADMIN = { name: '孙主管', email: 'service-admin@kith.test', password: 'kith-e2e-password-5' }
const AGENT = { name: '赵客服', email: 'zhao.kefu@kith.test', password: 'kith-e2e-agent-pass-5' }
const CUSTOMER = '杭州云帆贸易有限公司'
const CALLER = { name: '王芳', email: 'wang.fang@yunfan-trade.cn', phone: '13900001111' }
const SUBJECT = '扫码枪无法连接蓝牙'
const TZ = 'Asia/Shanghai'

let server: KithServer
let smtp: TestSmtpServer
const COMPANY = '云杉科技服务中心'
let browser: Browser
let admin: BrowserContext
let page: Page
let ticketNumber = ''
let ticketUrl = ''
let customerId = ''

const newContext = () => browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: TZ, viewport: { width: 1440, height: 900 } })
/** Opens an antd Select by its label, types, and picks the option with this text. */
async function pick(p: Page, scope: ReturnType<Page['locator']> | Page, label: string, text: string) {
  const box = scope.getByRole('combobox', { name: label })
  await box.click()
  await box.fill(text)
  await p.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click()
}

beforeAll(async () => {
  ensureWebBuilt()
  smtp = await startSmtpServer()
  server = await startServer({ SMTP_URL: smtp.url, KITH_MAIL_FROM: 'Kith <service@kith.test>' })
  browser = await launchBrowser()
  admin = await newContext()
  page = await admin.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await smtp?.close()
})

/** The mail whose subject matches, once the server's job has sent it. */
async function mailTo(address: string, subject: RegExp, timeoutMs = 30_000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = smtp.messages.find((m) => m.envelopeTo.includes(address) && subject.test(m.subject))
    if (found) return found
    if (Date.now() > deadline) throw new Error(`no mail "${subject}" to ${address}; got: ${smtp.messages.map((m) => m.subject).join(' | ')}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}

/** The survey link of this score in the resolution mail, on the test server's address. */
function surveyLink(mail: ReceivedMail, score: number): string {
  const url = new URL(mail.text.match(new RegExp(`(https?://\\S+/api/v1/public/survey/\\S+\\?score=${score})`))![1]!)
  return `${server.baseUrl}${url.pathname}${url.search}`
}

describe('customer service tickets in the browser', () => {
  it('sets up the admin, a support user and the customer', async () => {
    await firstRunAdmin(page, ADMIN)
    await apiCall(page, 'POST', '/users', { ...AGENT, role: 'support' })
    await apiCall(page, 'PUT', '/settings/company', { name: COMPANY, email: 'help@yunshan.test' })
    customerId = (await apiCall<{ id: string }>(page, 'POST', '/customers', { name: CUSTOMER, type: 'company' })).id
  })

  it('a customer submits the public form without signing in and gets a ticket number', async () => {
    const visitor = await newContext()
    const form = await visitor.newPage()
    await form.goto('/support/new')
    await form.getByRole('heading', { name: '联系客户服务' }).waitFor()
    // The honeypot is in the form but not for people.
    const box = await form.locator('#website2').boundingBox() // rendered off-screen, not display:none
    expect(box!.x + box!.width).toBeLessThan(0)

    await form.locator('.ant-segmented').getByText('投诉').click()
    await form.getByLabel('您的姓名').fill(CALLER.name)
    await form.getByLabel('主题').fill(SUBJECT)
    await form.getByLabel('问题描述').fill('上周购买的 20 把扫码枪中有 3 把无法与安卓终端配对，已重启多次。')
    await form.getByLabel('您期望的解决方案').fill('尽快更换这 3 把扫码枪')
    // Neither e-mail nor phone: we could not answer.
    await form.getByRole('button', { name: cjk('提交') }).click()
    await form.getByText('请填写电子邮箱或电话，以便我们回复您').waitFor()
    await form.getByLabel('电子邮箱').fill(CALLER.email)
    await form.getByLabel('电话').fill(CALLER.phone)
    await screenshot(form, 'support-form')
    await form.getByRole('button', { name: cjk('提交') }).click()
    const number = form.getByTestId('public-ticket-number')
    await number.waitFor()
    ticketNumber = (await number.textContent())!.trim()
    expect(ticketNumber).toMatch(/^T-\d+$/)
    await form.getByText(`您的工单编号是 ${ticketNumber}`).waitFor()
    await screenshot(form, 'support-form-done')
    await visitor.close()
  })

  it('the admin finds it under Unassigned with its SLA due time', async () => {
    await page.getByRole('menuitem', { name: /服务工单$/ }).click()
    await page.waitForURL(/\/tickets$/)
    await page.getByTestId('ticket-views').getByText('未分配').click()
    const row = page.locator(`[data-testid="ticket-row"][data-number="${ticketNumber}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain(SUBJECT)
    expect(await row.textContent()).toContain('投诉')
    expect(await row.getByTestId('sla-badge').textContent()).toMatch(/^响应 · 剩余 \d+小时/)
    await screenshot(page, 'tickets-inbox-zh')
    await row.getByRole('link', { name: ticketNumber }).click()
    await page.waitForURL(/\/tickets\/[0-9a-f-]{36}$/)
    ticketUrl = new URL(page.url()).pathname
    await expect.poll(() => page.getByTestId('ticket-subject').textContent()).toBe(SUBJECT)
    await page.getByTestId('expected-resolution').getByText('尽快更换这 3 把扫码枪').waitFor()
  })

  it('matches the unknown caller to the customer and assigns the ticket to the support user', async () => {
    const caller = page.getByTestId('caller-card')
    await caller.getByText(CALLER.name).waitFor()
    await caller.getByRole('button', { name: cjk('关联客户') }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: `将工单 ${ticketNumber} 关联到客户` })
    await pick(page, dialog, '客户', '云帆贸易')
    await dialog.getByRole('button', { name: cjk('关联客户') }).click()
    await page.getByText(`工单已关联到 ${CUSTOMER}。`).waitFor()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('.ant-descriptions').getByRole('link', { name: CUSTOMER }).waitFor()

    await pick(page, page, '分配给', AGENT.name)
    await page.getByText(`已分配给 ${AGENT.name}。`).waitFor()
    await page.getByRole('tab', { name: '变更历史' }).click()
    const history = page.getByTestId('ticket-history')
    await history.locator('[data-kind="assigned"]').getByText(AGENT.name).waitFor()
    await history.locator('[data-kind="customer"]').waitFor()
  })

  it('the support user replies, cannot resolve without a resolution, resolves; the customer rates 4 from the mailed survey', async () => {
    const agent = await newContext()
    const p = await agent.newPage()
    await p.goto('/login')
    await p.getByLabel('电子邮箱').fill(AGENT.email)
    await p.getByLabel('密码').fill(AGENT.password)
    await p.getByRole('button', { name: cjk('登录') }).click()
    await p.waitForURL((url) => url.pathname === '/') // the dashboard

    // "My tickets" is the inbox's first view.
    await p.getByRole('menuitem', { name: /服务工单$/ }).click()
    const row = p.locator(`[data-testid="ticket-row"][data-number="${ticketNumber}"]`)
    await row.waitFor()
    await row.getByRole('link', { name: ticketNumber }).click()
    await p.waitForURL(new RegExp(`${ticketUrl}$`))

    const composer = p.getByTestId('comment-composer')
    await composer.getByRole('textbox', { name: '回复客户' }).fill('王女士您好，已收到，我们今天会寄出 3 把新的扫码枪。')
    await composer.getByRole('button', { name: cjk('发送回复') }).click()
    await p.getByText('回复已添加。').waitFor()
    const log = p.getByTestId('ticket-log')
    await log.locator('[data-kind="public"]').getByText('今天会寄出').waitFor()
    // Answering starts the work and stops the first-response clock.
    await expect.poll(() => p.getByTestId('ticket-status').first().textContent()).toBe('处理中')
    await p.locator('[data-kind="firstResponse"][data-state="met"]').waitFor()

    await composer.locator('.ant-segmented').getByText('内部备注').click()
    await composer.getByRole('textbox', { name: '内部备注' }).fill('仓库确认有货，顺丰单号 SF1234567890。')
    await composer.getByRole('button', { name: cjk('添加备注') }).click()
    await log.locator('[data-kind="internal"]').getByText('SF1234567890').waitFor()

    // Waiting on the customer stops the resolution clock where it stands.
    await p.getByTestId('ticket-status-actions').getByRole('button', { name: cjk('等待客户') }).click()
    await expect.poll(() => p.getByTestId('ticket-status').first().textContent()).toBe('待客户回复')
    const resolutionClock = p.getByTestId('sla-card').locator('[data-kind="resolution"]')
    await expect.poll(() => resolutionClock.getAttribute('data-state')).toBe('paused')
    expect(await resolutionClock.textContent()).toMatch(/^已暂停，剩余 \d+/)
    await p.getByTestId('ticket-status-actions').getByRole('button', { name: cjk('开始处理') }).click()
    await expect.poll(() => p.getByTestId('ticket-status').first().textContent()).toBe('处理中')
    await expect.poll(() => resolutionClock.getAttribute('data-state')).toBe('ok')

    await p.getByTestId('ticket-status-actions').getByRole('button', { name: cjk('解决') }).click()
    const dialog = p.getByRole('dialog').filter({ hasText: `解决工单 ${ticketNumber}` })
    await dialog.getByRole('button', { name: cjk('确认解决') }).click()
    await dialog.getByText('请先填写处理结果再解决工单').waitFor()
    expect(await p.getByTestId('ticket-status').first().textContent()).toBe('处理中')
    await dialog.getByLabel('处理结果').fill('已更换 3 把扫码枪，客户确认可以正常配对。')
    await dialog.getByRole('button', { name: cjk('确认解决') }).click()
    await p.getByText('工单已解决。').waitFor()
    await expect.poll(() => p.getByTestId('ticket-status').first().textContent()).toBe('已解决')
    await p.getByTestId('ticket-resolution').getByText('客户确认可以正常配对').waitFor()

    // The agent cannot rate: the stars are read-only until the customer answers the survey.
    const rating = p.getByTestId('ticket-satisfaction')
    await expect.poll(() => rating.getByTestId('satisfaction-text').textContent()).toBe('客户尚未评价')
    expect(await rating.locator('.ant-rate-disabled').count()).toBe(1)
    await rating.getByText(`满意度调查已随处理结果发送至 ${CALLER.email}`).waitFor()

    // The customer's mailbox: acknowledgement, the reply and the resolution, from the company; never the internal note.
    const ack = await mailTo(CALLER.email, new RegExp(`^\\[${ticketNumber}\\] 已收到您的服务请求`))
    expect(ack.from).toContain(COMPANY)
    const reply = await mailTo(CALLER.email, new RegExp(`^\\[${ticketNumber}\\] 回复：${SUBJECT}`))
    expect(reply.text).toContain('今天会寄出 3 把新的扫码枪')
    expect(reply.rawHeaders.get('reply-to')).toContain(AGENT.email)
    const resolution = await mailTo(CALLER.email, new RegExp(`^\\[${ticketNumber}\\] 您的服务请求已处理`))
    expect(resolution.text).toContain('客户确认可以正常配对')
    for (const m of smtp.messages) expect(m.text + m.html).not.toContain('SF1234567890')
    await p.getByTestId('ticket-mails').getByTestId('ticket-mail-state').filter({ hasText: '已发送' }).nth(2).waitFor()

    // One click on "4" in the mail: the survey page records it at once; then a comment.
    const customer = await newContext()
    const survey = await customer.newPage()
    await survey.goto(surveyLink(resolution, 4))
    await survey.getByTestId('survey-thanks').getByText('感谢您的评价！').waitFor()
    expect(await survey.getByTestId('survey-thanks').textContent()).toContain('4 · 满意')
    await survey.getByText(COMPANY).first().waitFor()
    await survey.locator('#comment').fill('换货很快，客服很耐心。')
    await survey.getByRole('button', { name: '提交评价' }).click()
    await survey.getByTestId('survey-thanks').waitFor()
    await expect.poll(() => survey.locator('#comment').inputValue()).toBe('换货很快，客服很耐心。')
    await screenshot(survey, 'ticket-survey-zh')
    await customer.close()

    await p.reload()
    await expect.poll(() => rating.getByTestId('satisfaction-text').textContent()).toBe('满意 · 4 / 5 分')
    await expect.poll(() => rating.getByTestId('satisfaction-comment').textContent()).toBe('“换货很快，客服很耐心。”')
    await rating.getByTestId('satisfaction-source').getByText(/^客户于 .+ 通过满意度调查评价$/).waitFor()
    await p.mouse.move(0, 0) // no star tooltip in the picture
    await p.evaluate(() => window.scrollTo(0, 0))
    await screenshot(p, 'ticket-detail-zh')

    await switchToEnglish(p)
    await rating.getByText('Satisfied · 4 of 5').waitFor()
    await p.getByTestId('ticket-status').first().getByText('Resolved').waitFor()
    await p.setViewportSize({ width: 1440, height: 1100 })
    await p.evaluate(() => window.scrollTo(0, 0))
    await screenshot(p, 'ticket-detail-en')
    await agent.close()

    const saved = await apiCall<{ status: string; satisfaction: number; satisfactionComment: string; assigneeName: string }>(page, 'GET', `/tickets/${ticketUrl.split('/').pop()}`)
    expect(saved).toMatchObject({ status: 'resolved', satisfaction: 4, satisfactionComment: '换货很快，客服很耐心。', assigneeName: AGENT.name })
  })

  it('the admin sets business hours and a round-robin rule; the next web-form ticket is assigned by it', async () => {
    await page.getByRole('menuitem', { name: /服务设置$/ }).click()
    await page.waitForURL(/\/service-settings$/)
    const sla = page.getByTestId('sla-settings')
    await sla.getByRole('switch').click()
    await sla.getByTestId('business-hours').waitFor()
    await expect.poll(() => sla.locator('[title^="Asia/Shanghai"]').count()).toBe(1) // the browser's zone as the default
    await sla.getByRole('button', { name: cjk('保存') }).click()
    await page.getByText('SLA 设置已保存。').waitFor()

    const rules = page.getByTestId('assignment-rules')
    await rules.getByRole('button', { name: /添加规则/ }).click()
    const rule = rules.getByTestId('assignment-rule').first()
    await rule.getByLabel('规则名称').fill('投诉优先')
    await pick(page, rule, '客服人员', AGENT.name)
    await page.keyboard.press('Escape')
    await rules.getByRole('button', { name: cjk('保存') }).click()
    await page.getByText('分配规则已保存。').waitFor()
    await page.mouse.move(0, 0)
    await page.setViewportSize({ width: 1440, height: 1250 })
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'service-settings-zh')
    await page.setViewportSize({ width: 1440, height: 900 })

    // Saved on the server: a reload shows the rule, and the next web-form ticket goes to its pool.
    await page.reload()
    await expect.poll(() => page.getByTestId('assignment-rule').first().getByLabel('规则名称').inputValue()).toBe('投诉优先')
    const res = await page.request.post('/api/v1/public/tickets', {
      data: { type: 'inquiry', subject: '发票抬头如何修改', description: '需要把抬头改成分公司。', contactName: '李雷', contactPhone: '13700003333', website2: '' },
    })
    expect(res.status()).toBe(201)
    const { number } = (await res.json()) as { number: string }
    const found = await apiCall<{ items: { number: string; assigneeName: string | null }[] }>(page, 'GET', `/tickets?q=${number}`)
    expect(found.items.find((x) => x.number === number)?.assigneeName).toBe(AGENT.name)
  })

  it('shows the ticket on the customer\'s page, and the inbox in English', async () => {
    await page.goto(`/customers/${customerId}`)
    await page.getByRole('tab', { name: '服务工单' }).click()
    const tab = page.getByTestId('customer-tickets')
    const row = tab.locator(`[data-testid="ticket-row"][data-number="${ticketNumber}"]`)
    await row.waitFor()
    expect(await row.textContent()).toContain('已解决')

    await switchToEnglish(page)
    await page.getByRole('menuitem', { name: 'Tickets' }).click()
    await page.waitForURL(/\/tickets$/)
    await page.getByTestId('ticket-views').getByText('All', { exact: true }).click()
    await page.locator(`[data-testid="ticket-row"][data-number="${ticketNumber}"]`).getByText('Resolved').waitFor()
    await screenshot(page, 'tickets-inbox-en')

    // The status filter asks the server for resolved tickets only, and clearing it brings the rest back.
    const rows = page.locator('[data-testid="ticket-row"]')
    const others = await rows.count()
    expect(others).toBeGreaterThan(1)
    await page.getByRole('combobox', { name: 'Status', exact: true }).click()
    await page.locator('.ant-select-item-option').filter({ hasText: /^Resolved$/ }).click()
    await page.waitForURL((url) => url.searchParams.get('status') === 'resolved')
    await expect.poll(() => rows.count()).toBe(1)
    expect(await rows.first().getAttribute('data-number')).toBe(ticketNumber)
    await page.locator('.ant-select-clear').first().click()
    await page.waitForURL((url) => !url.searchParams.has('status'))
    await expect.poll(() => rows.count()).toBe(others)
  })

  it('a web-form ticket filed with a customer\'s e-mail is flagged unverified on its page', async () => {
    await apiCall(page, 'POST', '/contacts', { customerId, name: '王经理', email: 'wang@kehu.example.cn' })
    const res = await page.request.post('/api/v1/public/tickets', {
      data: { type: 'inquiry', subject: '请把合同发给我', description: '把我们的合同副本发到这个邮箱。', contactName: '王经理', contactEmail: 'wang@kehu.example.cn', website2: '' },
    })
    const { number } = (await res.json()) as { number: string }
    const found = await apiCall<{ items: { id: string; number: string; requesterVerified: boolean }[] }>(page, 'GET', `/tickets?q=${number}`)
    const ticket = found.items.find((x) => x.number === number)!
    expect(ticket.requesterVerified).toBe(false)
    await page.goto(`/tickets/${ticket.id}`)
    await page.getByTestId('requester-unverified').getByText('E-mail not verified').waitFor()
    await screenshot(page, 'ticket-unverified-en')
  })

  it('in English: the agent replies and resolves, the customer rates 5 from the mailed survey, the ticket shows it', async () => {
    const jane = 'jane.smith@globex.example'
    const created = await apiCall<{ id: string; number: string }>(page, 'POST', '/tickets', {
      subject: 'Scanner firmware update fails', contactName: 'Jane Smith', contactEmail: jane, language: 'en', channel: 'email', assigneeId: null,
    })
    await mailTo(jane, new RegExp(`^\\[${created.number}\\] We have received your request`))
    await page.goto(`/tickets/${created.id}`)
    const composer = page.getByTestId('comment-composer')
    await composer.getByTestId('composer-mail-hint').getByText(`The reply is e-mailed to ${jane}`).waitFor()
    await composer.getByRole('textbox', { name: 'Reply to customer' }).fill('Please install version 2.4.1 from our download page and restart the scanner.')
    await composer.getByRole('button', { name: 'Send reply' }).click()
    await page.getByText('Reply added.').waitFor()
    const reply = await mailTo(jane, new RegExp(`^\\[${created.number}\\] Re: Scanner firmware update fails`))
    expect(reply.text).toContain('version 2.4.1')

    await page.getByTestId('ticket-status-actions').getByRole('button', { name: 'Resolve' }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: `Resolve ticket ${created.number}` })
    await dialog.getByTestId('resolve-mail-hint').getByText(`e-mailed to the customer (${jane})`, { exact: false }).waitFor()
    await dialog.getByLabel('Resolution').fill('Firmware 2.4.1 installed remotely; the scanner pairs again.')
    await dialog.getByRole('button', { name: 'Resolve' }).click()
    await page.getByText('Ticket resolved.').waitFor()
    const resolution = await mailTo(jane, new RegExp(`^\\[${created.number}\\] Your request has been resolved`))
    expect(resolution.text).toContain('Firmware 2.4.1 installed remotely')

    const customer = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US', timezoneId: TZ, viewport: { width: 1440, height: 900 } })
    const survey = await customer.newPage()
    await survey.goto(surveyLink(resolution, 5))
    await survey.getByTestId('survey-thanks').getByText('Thank you for your rating!').waitFor()
    expect(await survey.getByTestId('survey-thanks').textContent()).toContain('5 · Very satisfied')
    await survey.locator('#comment').fill('Quick and friendly, thank you!')
    await survey.getByRole('button', { name: 'Submit rating' }).click()
    await expect.poll(() => survey.locator('#comment').inputValue()).toBe('Quick and friendly, thank you!')
    await screenshot(survey, 'ticket-survey-en')
    await customer.close()

    await page.reload()
    const rating = page.getByTestId('ticket-satisfaction')
    await expect.poll(() => rating.getByTestId('satisfaction-text').textContent()).toBe('Very satisfied · 5 of 5')
    await rating.getByTestId('satisfaction-comment').getByText('Quick and friendly, thank you!', { exact: false }).waitFor()
    await page.getByTestId('ticket-mails').getByTestId('ticket-mail-state').filter({ hasText: 'Sent' }).nth(2).waitFor()
    await page.mouse.move(0, 0)
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'ticket-rated-en')
    // The API refuses a rating typed by staff.
    const me = await page.request.get('/api/v1/auth/me')
    const { csrfToken } = (await me.json()) as { csrfToken: string }
    const { version } = await apiCall<{ version: number }>(page, 'GET', `/tickets/${created.id}`)
    const res = await page.request.fetch(`/api/v1/tickets/${created.id}`, { method: 'PATCH', data: { satisfaction: 1, version }, headers: { 'X-CSRF-Token': csrfToken } })
    expect(res.status()).toBe(400)
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['satisfaction'])
  })
})
