/**
 * Money in several currencies in a real browser: a rep's deals are all in USD; without a rate the
 * home page shows US$ amounts (never CN¥0.00); an admin adds a USD rate on Settings → Exchange
 * rates; the dashboard and a report then show one converted total with the rate date. zh-CN and en.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '林财务', email: 'fx-admin@kith.test', password: 'kith-e2e-password-7' }
const TZ = 'Asia/Shanghai'

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: TZ, viewport: { width: 1440, height: 1000 } })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: TZ }).format(new Date())

describe('exchange rates in the browser', () => {
  it('sets up the admin and deals in US dollars only', async () => {
    await firstRunAdmin(page, ADMIN)
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', { name: 'Pacific Freight Inc.', type: 'company' })
    const deals = [
      { name: 'Fleet tracking', amount: '1000', stage: 'won' },
      { name: 'Port sensors', amount: '500', stage: 'proposal' },
      { name: 'Warehouse pilot', amount: '250', stage: 'lost', lostReason: 'Budget' },
    ]
    for (const d of deals) await apiCall(page, 'POST', '/opportunities', { ...d, customerId: customer.id, currency: 'USD', expectedCloseDate: today() })
  })

  it('without a rate the home page shows US$ amounts, not CN¥0.00', async () => {
    await page.goto('/')
    await expect.poll(() => page.getByTestId('kpi-won').textContent(), { timeout: 30_000 }).toContain('US$1,000.00')
    expect(await page.getByTestId('kpi-won').textContent()).not.toContain('¥0.00')
    await expect.poll(() => page.getByTestId('kpi-closing').textContent(), { timeout: 30_000 }).toContain('US$500.00')
    await expect.poll(() => page.getByTestId('kpi-fx-note').textContent(), { timeout: 30_000 }).toContain('USD 没有汇率')
    await screenshot(page, 'fx-dashboard-no-rate-zh', true)
  })

  it('an admin adds a USD rate on the exchange-rates page (a bad rate is refused in the field first)', async () => {
    await page.goto('/settings/exchange-rates')
    await page.getByRole('button', { name: '添加汇率' }).click()
    const form = page.getByTestId('rate-form')
    await form.getByLabel('币种').fill('USD')
    await form.getByLabel('汇率').fill('7.1x')
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click()
    await form.getByText('正数，最多 10 位小数').waitFor()
    await form.getByLabel('汇率').fill('7.2')
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click()
    await page.getByTestId('rates-table').getByText('1 USD = 7.2 CNY').waitFor()
    await page.getByTestId('rates-table').getByText('当前有效').waitFor()
    await screenshot(page, 'fx-rates-zh', true)
  })

  it('the dashboard and a report show one converted total with the rate date (zh-CN)', async () => {
    await page.goto('/')
    await expect.poll(() => page.getByTestId('kpi-won').textContent(), { timeout: 30_000 }).toContain('¥7,200.00')
    await expect.poll(() => page.getByTestId('kpi-fx-note').textContent(), { timeout: 30_000 }).toContain(`按 ${today()} 汇率折算为人民币`)
    await expect.poll(() => page.getByTestId('kpi-closing').textContent(), { timeout: 30_000 }).toContain('¥3,600.00')
    await screenshot(page, 'fx-dashboard-zh', true)
    await page.goto(`/reports/lost-reasons?from=${today().slice(0, 7)}-01&to=${today()}`)
    // The API's free-text reason that names a listed one picks it: the report shows its label in the reader's language.
    await page.locator('.ant-table').first().getByText('预算', { exact: true }).waitFor()
    await page.getByText(`其他币种金额已按 ${today()} 汇率折算为人民币`).waitFor()
    await expect.poll(() => page.locator('.ant-table').first().textContent(), { timeout: 30_000 }).toContain('¥1,800.00')
    await screenshot(page, 'fx-report-zh', true)
  })

  it('the same in English', async () => {
    await switchToEnglish(page)
    await page.goto('/')
    await expect.poll(() => page.getByTestId('kpi-fx-note').textContent(), { timeout: 30_000 }).toContain(`Converted to CNY at rates of ${today()}`)
    await expect.poll(() => page.getByTestId('kpi-won').textContent(), { timeout: 30_000 }).toContain('7,200.00')
    await screenshot(page, 'fx-dashboard-en', true)
    await page.goto(`/reports/lost-reasons?from=${today().slice(0, 7)}-01&to=${today()}`)
    await page.getByText(`Amounts in other currencies converted to CNY at rates of ${today()}`).waitFor()
    await screenshot(page, 'fx-report-en', true)
    await page.goto('/settings/exchange-rates')
    await page.getByTestId('rates-table').getByText('In force').waitFor()
    await screenshot(page, 'fx-rates-en', true)
  })
})
