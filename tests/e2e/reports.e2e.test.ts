/**
 * Analytics in a real browser: the role dashboard, every report an admin may run (chart and table),
 * a changed date range, a drill-down from the funnel to the deals behind a stage, and the XLSX
 * download opened with exceljs. Screenshots in Chinese and English.
 */
import ExcelJS from 'exceljs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPORT_CATALOG } from '../../src/modules/reports/reports.catalog'
import { apiCall } from './support/api'
import { firstRunAdmin, launchBrowser, screenshot } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '周经理', email: 'reports-admin@kith.test', password: 'kith-e2e-password-7' }
const TZ = 'Asia/Shanghai'

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: TZ, viewport: { width: 1440, height: 1000 }, acceptDownloads: true })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())

describe('analytics in the browser', () => {
  it('sets up the admin and a small pipeline', async () => {
    await firstRunAdmin(page, ADMIN)
    const acme = await apiCall<{ id: string }>(page, 'POST', '/customers', { name: '上海明辉科技有限公司', type: 'company' })
    const month = today().slice(0, 7)
    const deals = [
      { name: '明辉 ERP 集成', amount: '88000', stage: 'proposal' },
      { name: '年度维保合同', amount: '36000.50', stage: 'negotiation' },
      { name: '机房改造', amount: '120000', stage: 'won' },
      { name: '安防升级', amount: '45000', stage: 'won' },
      { name: '数据迁移', amount: '9000', stage: 'lost', lostReason: '价格太高' },
      { name: '培训服务', amount: '5000', stage: 'qualification' },
    ]
    for (const d of deals) await apiCall(page, 'POST', '/opportunities', { ...d, customerId: acme.id, currency: 'CNY', expectedCloseDate: `${month}-28` })
    await apiCall(page, 'POST', '/leads', { name: '王芳', source: '展会' })
  })

  it('opens the dashboard in Chinese and in English', async () => {
    await page.goto('/')
    await page.getByText(`您好，${ADMIN.name}`).waitFor()
    await page.getByTestId('tile-pipeline').locator('canvas').waitFor()
    await page.getByTestId('tile-sales-funnel').locator('canvas').waitFor()
    await expect.poll(() => page.getByTestId('kpi-won').textContent()).toContain('165,000.00')
    await screenshot(page, 'dashboard-zh', true)
  })

  it('runs every report an admin may run, with a chart or a table', async () => {
    const names = Object.keys(REPORT_CATALOG) as (keyof typeof REPORT_CATALOG)[]
    for (const name of names) {
      await page.goto(`/reports/${name}`)
      await page.locator('.ant-table').first().waitFor()
      expect(await page.locator('.ant-result-error').count()).toBe(0)
    }
  })

  it('changes the date range and drills down from the funnel to the deals of a stage', async () => {
    await page.goto('/reports/sales-funnel')
    await page.getByTestId('report-chart').locator('canvas').waitFor()
    const loaded = page.waitForResponse((r) => r.url().includes('/api/v1/reports/sales-funnel') && r.url().includes('from=2025-01-01'))
    await page.goto(`/reports/sales-funnel?from=2025-01-01&to=${today()}`)
    await loaded
    await screenshot(page, 'report-funnel-zh', true)
    await page.locator('.ant-table-row').filter({ hasText: '报价' }).click()
    await page.waitForURL(/\/opportunities\?stage=proposal/)
    await page.getByText('明辉 ERP 集成').waitFor()
    expect(await page.getByText('年度维保合同').count()).toBe(0)
  })

  it('drills from a date-ranged pipeline to exactly the deals its row counts, the range shown as a clearable chip', async () => {
    const [y, m] = today().split('-').map(Number) as [number, number]
    const day = (months: number, d: number) => new Date(Date.UTC(y, m - 1 + months, d)).toISOString().slice(0, 10)
    const from = day(1, 1)
    const to = day(2, 0)
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', { name: '杭州远景物流有限公司', type: 'company' })
    const deals = [
      ['仓储系统一期', day(1, 10)], ['仓储系统二期', day(1, 20)], ['冷链监控', to],
      ['车队调度', day(2, 5)], ['园区安防', day(3, 1)], ['旧数据迁移', null], ['运维外包', null],
    ] as const
    for (const [name, expectedCloseDate] of deals) await apiCall(page, 'POST', '/opportunities', { name, customerId: customer.id, stage: 'proposal', amount: '1000', currency: 'CNY', expectedCloseDate })
    await page.goto(`/reports/pipeline?from=${from}&to=${to}`)
    const row = page.locator('.ant-table-row').filter({ hasText: '报价' })
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('3')
    await page.getByText('2 个进行中的机会没有预计成交日期').waitFor()
    await screenshot(page, 'report-pipeline-undated-zh', true)
    await row.click()
    await page.waitForURL(/\/opportunities\?.*closeFrom=/)
    await page.getByTestId('filter-chip-close').waitFor()
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(3)
    expect(await page.getByText('车队调度').count()).toBe(0)
    await screenshot(page, 'opportunities-drilled-zh', true)
    // Widening: without the range, every open proposal is listed.
    await page.getByTestId('filter-chip-close').locator('.ant-tag-close-icon').click()
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(8)

    await page.goto(`/reports/pipeline?from=${from}&to=${to}`)
    await page.locator('.ant-table-row').filter({ hasText: '无预计成交日期' }).click()
    await page.getByTestId('filter-chip-noCloseDate').waitFor()
    await expect.poll(() => page.locator('.ant-table-row').count()).toBe(2)
  })

  it('drills from the ticket report into all tickets of the type and period, not the inbox\'s own open ones', async () => {
    for (const subject of ['发票抬头错误', '物流延迟投诉', '退货进度']) await apiCall(page, 'POST', '/tickets', { subject, type: 'complaint', assigneeId: null })
    await apiCall(page, 'POST', '/tickets', { subject: '产品咨询', type: 'inquiry', assigneeId: null })
    await page.goto('/reports/tickets')
    await page.locator('.ant-table-row').filter({ hasText: '投诉' }).click()
    await page.waitForURL(/\/tickets\?view=all&type=complaint&createdFrom=/)
    await page.getByTestId('filter-chip-created').waitFor()
    await expect.poll(() => page.getByTestId('ticket-row').count()).toBe(3)
    await screenshot(page, 'tickets-drilled-zh', true)
  })

  it('sets this month\'s company target on the forecast; the dashboard shows the attainment', async () => {
    await page.goto('/reports/forecast')
    await page.getByTestId('set-target').click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('金额').fill('200000')
    await dialog.getByRole('button', { name: /保\s?存/ }).click()
    await page.getByText('目标已保存').waitFor()
    await page.goto('/')
    // The dashboard now loads nine reports on a shared machine: more than expect.poll's default second.
    await expect.poll(() => page.getByTestId('kpi-attainment').textContent(), { timeout: 15_000 }).toContain('82.5')
  })

  it('downloads a report as a real XLSX', async () => {
    await page.goto('/reports/revenue')
    await page.locator('.ant-table').first().waitFor()
    // The currency and zone the numbers are in, on the page and in the column headers.
    expect(await page.getByTestId('report-basis').textContent()).toContain('CNY')
    await screenshot(page, 'report-revenue-zh', true)
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-xlsx').click()])
    const path = await download.path()
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path!)
    const sheet = book.worksheets[0]!
    expect(sheet.getRow(1).getCell(3).value).toBe('收入 (CNY)')
    let total = 0
    sheet.eachRow((row, i) => {
      if (i > 1 && row.getCell(1).value !== '合计') total += Number(row.getCell(3).value ?? 0)
    })
    expect(total).toBe(165000)
  })

  it('offers all time where the report allows it, and states the five-year limit in the picker', async () => {
    await page.goto('/reports/revenue')
    await page.locator('.ant-table').first().waitFor()
    const all = page.waitForResponse((r) => r.url().includes('/api/v1/reports/revenue') && r.url().includes('range=all'))
    await page.getByRole('checkbox', { name: '全部时间' }).click()
    expect((await all).status()).toBe(200)
    await page.waitForURL(/range=all/)
    expect(page.url()).not.toMatch(/from=/)
    await expect.poll(() => page.locator('.ant-table-summary').textContent()).toContain('165,000.00')
    expect(await page.locator('.ant-result-error').count()).toBe(0)
    // Tickets by month cost more with each month: no all time, and the picker says so before any request.
    await page.goto('/reports/tickets?groupBy=month')
    await page.locator('.ant-table').first().waitFor()
    expect(await page.getByRole('checkbox', { name: '全部时间' }).count()).toBe(0)
    await page.locator('.ant-picker-range').first().click()
    await expect.poll(() => page.getByTestId('range-limit').textContent()).toBe('时间段最长 5 年; 此分组方式不提供“全部时间”')
    await page.keyboard.press('Escape')
  })

  it('shows the funnel and the forecast in English', async () => {
    await page.goto('/settings/profile')
    await page.evaluate(async () => {
      const me = await (await fetch('/api/v1/auth/me')).json()
      await fetch('/api/v1/auth/me', { method: 'PATCH', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrfToken }, body: JSON.stringify({ locale: 'en' }) })
    })
    const en = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US', timezoneId: TZ, viewport: { width: 1440, height: 1000 }, storageState: await context.storageState() })
    await en.addInitScript(() => localStorage.setItem('kith.locale', 'en'))
    const p = await en.newPage()
    await p.goto('/reports/sales-funnel')
    await p.getByTestId('report-chart').locator('canvas').waitFor()
    await p.getByRole('heading', { name: 'Sales funnel' }).waitFor()
    await screenshot(p, 'report-funnel-en', true)
    await p.goto('/reports/forecast')
    await p.getByTestId('report-chart').locator('canvas').waitFor()
    await screenshot(p, 'report-forecast-en', true)
    await p.goto('/')
    await p.getByText(`Hello, ${ADMIN.name}`).waitFor()
    await p.getByTestId('tile-pipeline').locator('canvas').waitFor()
    await screenshot(p, 'dashboard-en', true)
    await en.close()
  })
})
