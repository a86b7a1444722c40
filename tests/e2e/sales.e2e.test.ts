/**
 * The sales journey in a real browser against a real server: a lead with a Chinese name, the
 * duplicate warning on a second lead with the same e-mail, conversion into customer + deal, the
 * deal dragged across the Kanban board to 成交 (with a concurrent edit answered by 409 on the way,
 * and another deal closed as lost with a reason), its history, the customer's timeline with a
 * logged call, and a task completed from "My tasks" in English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { chooseOption, cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { dragTo } from './support/drag'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '陈销售', email: 'sales-admin@kith.test', password: 'kith-e2e-password-2' }
const LEAD = { name: '李娜', company: '北京星辰数据科技有限公司', email: 'li.na@xingchen.cn', phone: '13700002222' }
const DEAL = '星辰数据 CRM 升级项目'
const TZ = 'Asia/Shanghai'

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page
let leadUrl = ''
let dealId = ''

interface Created {
  id: string
  version: number
}

const card = (id: string) => page.locator(`[data-testid="board-card"][data-id="${id}"]`)
const column = (stage: string) => page.locator(`[data-testid="board-column"][data-stage="${stage}"]`)
const patchOf = (id: string) => page.waitForResponse((r) => r.url().endsWith(`/api/v1/opportunities/${id}`) && r.request().method() === 'PATCH')
/** Today in the browser's time zone, YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: TZ, viewport: { width: 1440, height: 900 } })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('sales in the browser', () => {
  it('sets up the admin and some deals of other customers', async () => {
    await firstRunAdmin(page, ADMIN)

    // Company of the other deals on the board (made through the API; the board is the point here).
    const acme = await apiCall<Created>(page, 'POST', '/customers', { name: '上海明辉科技有限公司', type: 'company' })
    const globex = await apiCall<Created>(page, 'POST', '/customers', { name: 'Globex Trading Ltd', type: 'company' })
    const deals = [
      { name: '明辉 ERP 集成', customerId: acme.id, amount: '88000', currency: 'CNY', stage: 'needs_analysis', expectedCloseDate: '2027-01-20' },
      { name: 'Export licence renewal', customerId: globex.id, amount: '15000', currency: 'USD', stage: 'needs_analysis', expectedCloseDate: '2027-02-15' },
      { name: '年度维保合同', customerId: acme.id, amount: '36000.50', currency: 'CNY', stage: 'negotiation', expectedCloseDate: '2027-01-05' },
      { name: 'Warehouse scanners', customerId: globex.id, amount: '4200', currency: 'USD', stage: 'proposal', expectedCloseDate: '2027-03-01' },
    ]
    for (const d of deals) await apiCall(page, 'POST', '/opportunities', d)
  })

  it('creates a lead with a Chinese name', async () => {
    await page.getByRole('menuitem', { name: /线索$/ }).click()
    await page.waitForURL(/\/leads$/)
    await page.getByText('还没有线索').waitFor()
    await page.getByRole('button', { name: '新建线索' }).first().click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.getByLabel('姓名').fill(LEAD.name)
    await drawer.getByLabel('公司').fill(LEAD.company)
    await drawer.getByLabel('电子邮箱').fill(LEAD.email)
    await drawer.getByLabel('电话').fill(LEAD.phone)
    await drawer.getByLabel('来源').fill('展会')
    await drawer.getByRole('button', { name: cjk('保存') }).click()
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/)
    leadUrl = new URL(page.url()).pathname
    await expect.poll(() => page.getByTestId('lead-name').textContent()).toBe(LEAD.name)
    await page.getByText('137 0000 2222').first().waitFor()
  })

  it('warns about a duplicate when a second lead has the same e-mail', async () => {
    await page.goto('/leads')
    await page.getByRole('link', { name: LEAD.name }).waitFor()
    await page.getByRole('button', { name: '新建线索' }).first().click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.getByLabel('姓名').fill('李娜（重复）')
    await drawer.getByLabel('电子邮箱').fill(LEAD.email.toUpperCase())
    const warning = drawer.getByTestId('duplicate-warning')
    await warning.waitFor()
    await warning.getByRole('link', { name: LEAD.name }).waitFor()
    expect(await warning.textContent()).toContain('电子邮箱相同')
    await drawer.getByRole('button', { name: cjk('取消') }).click()
    await drawer.waitFor({ state: 'hidden' })
  })

  it('converts the lead into a customer with a deal, and lands on the deal', async () => {
    await page.goto(leadUrl)
    const actions = page.getByTestId('lead-status-actions')
    await actions.getByRole('button', { name: cjk('已联系') }).click()
    await expect.poll(() => page.getByTestId('lead-status').first().textContent()).toBe('已联系')
    await actions.getByRole('button', { name: cjk('合格') }).click()
    await expect.poll(() => page.getByTestId('lead-status').first().textContent()).toBe('合格')
    await page.getByRole('button', { name: cjk('转化') }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: `转化线索“${LEAD.name}”` })
    await dialog.waitFor()
    await dialog.getByLabel('商机名称').fill(DEAL)
    await dialog.getByLabel('金额').fill('150000')
    await dialog.getByLabel('预计成交日期').fill('2026-12-31')
    await dialog.getByLabel('预计成交日期').press('Enter')
    await screenshot(page, 'lead-convert-zh')
    await dialog.getByRole('button', { name: cjk('转化') }).click()
    await page.waitForURL(/\/opportunities\/[0-9a-f-]{36}$/)
    dealId = new URL(page.url()).pathname.split('/').pop()!
    await expect.poll(() => page.getByTestId('opportunity-name').textContent()).toBe(DEAL)
    await page.getByText('¥150,000.00').first().waitFor()

    // The lead now says where it went.
    await page.goto(leadUrl)
    const converted = page.getByTestId('converted-alert')
    await converted.waitFor()
    await converted.getByRole('link', { name: '查看商机' }).waitFor()
    expect(await page.getByRole('button', { name: cjk('转化') }).count()).toBe(0)
  })

  it('drags the deal across the board to 成交; a stale card gets 409 and the board reloads', async () => {
    await page.getByRole('menuitem', { name: /商机$/ }).click()
    await page.waitForURL(/\/opportunities\/board$/)
    await card(dealId).waitFor()
    expect(await column('qualification').locator(`[data-id="${dealId}"]`).count()).toBe(1)

    let saved = patchOf(dealId)
    await dragTo(page, card(dealId), column('proposal'))
    expect((await saved).status()).toBe(200)
    await column('proposal').locator(`[data-id="${dealId}"]`).waitFor()
    await page.getByText(`“${DEAL}”已移至“报价”。`).waitFor()

    // Someone else edits the deal in the meantime: the card's version is stale.
    const current = await apiCall<Created>(page, 'GET', `/opportunities/${dealId}`)
    await apiCall(page, 'PATCH', `/opportunities/${dealId}`, { probability: 65, version: current.version })
    saved = patchOf(dealId)
    await dragTo(page, card(dealId), column('negotiation'))
    expect((await saved).status()).toBe(409)
    await page.getByText(`“${DEAL}”已被他人修改，看板已刷新。`).waitFor()
    await column('proposal').locator(`[data-id="${dealId}"]`).waitFor() // back where the server has it

    saved = patchOf(dealId)
    await dragTo(page, card(dealId), column('won'))
    expect((await saved).status()).toBe(200)
    await column('won').locator(`[data-id="${dealId}"]`).waitFor()
    await page.getByText(`“${DEAL}”已成交，恭喜！`).waitFor()
    await expect.poll(() => column('won').getByTestId('column-totals').textContent()).toContain('¥150,000.00')
    await screenshot(page, 'board-zh')
  })

  it('asks for a reason when a deal is dropped on 丢单', async () => {
    const lostDeal = page.locator('[data-testid="board-card"]').filter({ hasText: '年度维保合同' })
    await dragTo(page, lostDeal, column('lost'))
    const dialog = page.getByRole('dialog').filter({ hasText: '年度维保合同' })
    await dialog.waitFor()
    // The reason comes from the admin's list; a note says more.
    await chooseOption(page, dialog.locator('.ant-select'), '预算')
    await dialog.getByLabel('说明').fill('客户预算冻结，明年再议')
    await dialog.getByRole('button', { name: '确认丢单' }).click()
    await column('lost').getByText('年度维保合同').waitFor()
  })

  it('shows the deal\'s history of stage changes with actor and time', async () => {
    await card(dealId).getByRole('link', { name: DEAL }).click()
    await page.waitForURL(new RegExp(`/opportunities/${dealId}$`))
    await page.getByRole('tab', { name: '变更历史' }).click()
    const history = page.getByTestId('opportunity-history')
    await history.waitFor()
    const stages = history.locator('[data-testid="history-entry"][data-field="stage"]')
    await expect.poll(() => stages.count()).toBe(2)
    const latest = await stages.first().textContent()
    expect(latest).toContain('报价')
    expect(latest).toContain('成交')
    expect(latest).toContain(ADMIN.name)
    expect(await stages.nth(1).textContent()).toContain('初步接触')
    await history.locator('[data-field="created"]').waitFor()
    await screenshot(page, 'opportunity-history-zh')
  })

  it('shows the customer\'s timeline: conversion, deal, stage changes and a logged call', async () => {
    await page.locator('.ant-descriptions').getByRole('link', { name: LEAD.company }).click()
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/)
    const composer = page.getByTestId('activity-composer')
    await composer.getByLabel('主题').fill('电话确认合同细节')
    await composer.getByLabel('详细内容').fill('客户同意下周签约，需要寄送纸质合同。')
    await composer.getByRole('button', { name: cjk('记录') }).click()
    const timeline = page.getByTestId('customer-timeline')
    await timeline.getByText('电话确认合同细节').waitFor()

    // A task for later, due today, on the same composer.
    await composer.locator('.ant-segmented').getByText('任务').click()
    await composer.getByLabel('主题').fill('寄送合同')
    await composer.getByLabel('截止时间').fill(`${today()} 23:30`)
    await page.locator('.ant-picker-dropdown:visible .ant-picker-ok button').click()
    await composer.getByRole('button', { name: '添加任务' }).click()
    await timeline.getByText('寄送合同').waitFor()

    const kinds = await timeline.locator('[data-testid="timeline-item"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))
    expect(kinds.filter((k) => k === 'stage_change')).toHaveLength(2)
    expect(kinds).toContain('lead_converted')
    expect(kinds).toContain('opportunity_created')
    expect(kinds.filter((k) => k === 'activity')).toHaveLength(2)
    await timeline.getByText(`由线索“${LEAD.name}”转化而来`).waitFor()
    expect(await composer.locator('.ant-form-item-explain-error').count()).toBe(0)
    // Tall enough for the whole timeline without scrolling (sticky header and navigation stay put).
    await page.setViewportSize({ width: 1440, height: 1180 })
    await page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(page, 'customer-timeline-zh')
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it('in English: the board, and a task completed from My tasks', async () => {
    await switchToEnglish(page)
    await page.getByRole('menuitem', { name: 'Opportunities' }).click()
    await page.waitForURL(/\/opportunities\/board$/)
    await column('won').getByText('Won', { exact: true }).waitFor()
    await column('won').locator(`[data-id="${dealId}"]`).waitFor()
    await page.getByText('CN¥150,000.00').first().waitFor()
    await screenshot(page, 'board-en')

    await page.getByRole('menuitem', { name: 'My tasks' }).click()
    await page.waitForURL(/\/tasks$/)
    const todayTasks = page.getByTestId('tasks-today')
    const task = todayTasks.getByTestId('activity-item').filter({ hasText: '寄送合同' })
    await task.waitFor()
    await screenshot(page, 'my-tasks-en')
    await task.getByRole('checkbox', { name: 'Mark “寄送合同” done' }).check()
    await page.getByText('“寄送合同” done.').waitFor()
    await task.waitFor({ state: 'detached' })
    await todayTasks.getByText('Nothing due today.').waitFor()
  })
})
