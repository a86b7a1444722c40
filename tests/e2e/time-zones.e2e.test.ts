/**
 * Dates in the company's time zone, in a real browser against a server running in UTC: the first
 * admin's browser (New York) gives the company its first zone; the admin sets Asia/Shanghai on the
 * company settings page; the quote is dated and its times shown in Shanghai time although the
 * browser is in New York; then the admin's own zone (profile) changes the times he is shown. In
 * 中文 and English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '陈总', email: 'tz-admin@kith.test', password: 'kith-e2e-password-tz' }
const BROWSER_TZ = 'America/New_York'

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page
let quote: { id: string; createdAt: string }

/** Picks a zone in the searchable zone select of the form item labelled `label` (its list is virtual: type to find). */
async function chooseZone(label: string, zone: string) {
  const item = page.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) }).first()
  await item.locator('.ant-select-selector').click()
  await page.keyboard.type(zone)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: zone }).first().click()
  await item.locator('.ant-select-selection-item').filter({ hasText: zone }).waitFor()
}

const shown = (iso: string, timeZone: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso))

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer({ TZ: 'UTC' })
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: BROWSER_TZ, viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  page.setDefaultTimeout(45_000)
  page.on('pageerror', (e) => console.error('page error:', e.message))
  page.on('response', (r) => r.status() >= 500 && console.error('server error:', r.status(), r.url()))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('time zones in the browser', () => {
  it("first run: the company takes the admin's browser zone, not the server's UTC", async () => {
    await firstRunAdmin(page, ADMIN)
    expect((await apiCall<{ timeZone: string }>(page, 'GET', '/settings/company')).timeZone).toBe(BROWSER_TZ)
  })

  it('sets Asia/Shanghai on the company settings page', async () => {
    await page.goto('/settings/company')
    await page.getByLabel('公司名称').fill('北京云帆科技有限公司')
    await chooseZone('时区', 'Asia/Shanghai')
    await page.evaluate(() => window.scrollTo(0, 0)) // a full-page shot of a scrolled page repeats the sticky header
    await screenshot(page, 'time-zone-company-zh', true)
    await page.getByRole('button', { name: cjk('保存') }).click()
    await page.getByText('公司信息已保存').waitFor()
    expect((await apiCall<{ timeZone: string }>(page, 'GET', '/settings/company')).timeZone).toBe('Asia/Shanghai')
  })

  it("shows the quote's time in the company's zone, not the browser's", async () => {
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', { name: '杭州云帆网络科技有限公司', type: 'company' })
    const deal = await apiCall<{ id: string }>(page, 'POST', '/opportunities', { name: '云帆年度维保', customerId: customer.id, currency: 'CNY', stage: 'proposal', amount: '0' })
    quote = await apiCall(page, 'POST', `/opportunities/${deal.id}/quotes`, {})
    await page.goto(`/quotes/${quote.id}`)
    await page.locator(`time[datetime="${quote.createdAt}"]`).first().waitFor()
    expect(await page.locator(`time[datetime="${quote.createdAt}"]`).first().textContent()).toBe(shown(quote.createdAt, 'Asia/Shanghai', 'zh-CN'))
    await screenshot(page, 'time-zone-quote-zh')
  })

  it("the user's own zone (profile) changes the times he is shown", async () => {
    await page.goto('/settings/profile')
    await chooseZone('时区', 'Europe/London')
    await screenshot(page, 'time-zone-profile-zh', true)
    await page.getByRole('button', { name: cjk('保存') }).click()
    await page.getByText('资料已保存').waitFor()
    await page.goto(`/quotes/${quote.id}`)
    const time = page.locator(`time[datetime="${quote.createdAt}"]`).first()
    await expect.poll(() => time.textContent(), { timeout: 20_000 }).toBe(shown(quote.createdAt, 'Europe/London', 'zh-CN'))
  })

  it('in English: the same times, the settings pages in English', async () => {
    await switchToEnglish(page)
    await page.goto(`/quotes/${quote.id}`)
    const time = page.locator(`time[datetime="${quote.createdAt}"]`).first()
    await expect.poll(() => time.textContent(), { timeout: 20_000 }).toBe(shown(quote.createdAt, 'Europe/London', 'en'))
    await screenshot(page, 'time-zone-quote-en')
    await page.goto('/settings/profile')
    await page.getByText("Times are shown in this zone", { exact: false }).waitFor()
    await screenshot(page, 'time-zone-profile-en', true)
    await page.goto('/settings/company')
    await page.getByText('SLA times follow this zone', { exact: false }).waitFor()
    await screenshot(page, 'time-zone-company-en', true)
  })
})
