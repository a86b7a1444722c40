/**
 * Account security in a real browser: the page arrives with its security headers and runs under
 * the strict policy; the profile lists where one is signed in (this browser marked) and signs a
 * second browser out; an API token is made read-only or per module and the token list says so;
 * the admin sets the session time-outs. In Chinese, then in English, with screenshots.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '陈安全', email: 'security-admin@kith.test', password: 'kith-e2e-password-9' }
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1'

let server: KithServer
let browser: Browser
let context: BrowserContext
let phone: BrowserContext
let page: Page
const cspViolations: string[] = []

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  page.setDefaultTimeout(45_000)
  page.on('pageerror', (e) => console.error('page error:', e.message))
  page.on('console', (m) => m.text().includes('Content Security Policy') && cspViolations.push(m.text()))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** A second device of the same user, signed in through the API with its own User-Agent. */
async function signInElsewhere(): Promise<BrowserContext> {
  const other = await browser.newContext({ baseURL: server.baseUrl, userAgent: PHONE_UA })
  const res = await other.request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } })
  expect(res.status()).toBe(200)
  return other
}

describe('account security in the browser', () => {
  it('the app arrives with its security headers and runs under the strict policy', async () => {
    const res = await page.goto('/')
    const headers = res!.headers()
    expect(headers['content-security-policy']).toContain("script-src 'self'")
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/)
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('no-referrer')
    await firstRunAdmin(page, ADMIN)
    expect(cspViolations).toEqual([])
  })

  it('lists the sessions on the profile page and signs the other device out (Chinese)', async () => {
    phone = await signInElsewhere()
    await page.goto('/settings/profile')
    const card = page.getByTestId('sessions-card')
    await expect.poll(() => card.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 }).toBe(2)
    await expect.poll(() => card.getByText('本设备').count()).toBe(1)
    await card.getByText('Safari 17 · iOS').waitFor()
    // Below the profile, password and two-factor cards.
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'security-sessions-zh')

    await card.locator('tbody tr.ant-table-row').filter({ hasText: 'Safari 17 · iOS' }).getByRole('button', { name: cjk('退出登录') }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: cjk('退出登录') }).click()
    await page.getByText('已退出该会话').waitFor()
    await expect.poll(() => card.locator('tbody tr.ant-table-row').count()).toBe(1)
    expect((await phone.request.get('/api/v1/auth/me')).status()).toBe(401)
  })

  it('creates a read-only API token and a per-module one (Chinese)', async () => {
    await page.goto('/settings/tokens')
    await page.getByRole('button', { name: cjk('新建令牌') }).first().click()
    const modal = page.locator('.ant-modal').filter({ hasText: '权限范围' })
    await modal.getByLabel('名称').fill('报表只读')
    await modal.getByText('只读', { exact: true }).first().click()
    await modal.getByRole('button', { name: cjk('创建令牌') }).click()
    const secret = (await page.getByTestId('token-secret').innerText()).trim()
    const write = await page.request.post('/api/v1/customers', { data: { name: 'x' }, headers: { authorization: `Bearer ${secret}` } })
    expect(write.status()).toBe(403)
    expect((await write.json()).requiredScope).toBe('customers:write')
    await page.getByRole('button', { name: cjk('我已复制') }).click()

    await page.getByRole('button', { name: cjk('新建令牌') }).first().click()
    await modal.getByLabel('名称').fill('ERP 客户同步')
    await modal.getByText('按模块选择').click()
    await modal.getByTestId('scope-customers').getByText('读写').click()
    await modal.getByTestId('scope-products').getByText('只读').click()
    await screenshot(page, 'security-token-scopes-zh')
    await modal.getByRole('button', { name: cjk('创建令牌') }).click()
    await page.getByTestId('token-secret').waitFor()
    await page.getByRole('button', { name: cjk('我已复制') }).click()
    const row = page.locator('tbody tr').filter({ hasText: 'ERP 客户同步' })
    await row.getByText('客户: 读写').waitFor()
    await row.getByText('产品: 只读').waitFor()
    await page.locator('tbody tr').filter({ hasText: '报表只读' }).getByText('只读', { exact: true }).waitFor()
  })

  it('the admin sets the session time-outs (Chinese)', async () => {
    await page.goto('/settings/security')
    const card = page.getByTestId('security-settings')
    const idle = card.getByLabel('无操作自动退出')
    await expect.poll(() => idle.inputValue()).toBe('480')
    expect(await card.getByLabel('最长登录有效期').inputValue()).toBe('30')
    await idle.fill('120')
    await page.getByRole('button', { name: cjk('保存') }).click()
    await page.getByText('安全策略已保存').waitFor()
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'security-settings-zh')
    const saved = await page.request.get('/api/v1/settings/security')
    expect(await saved.json()).toMatchObject({ sessionIdleMinutes: 120, sessionMaxDays: 30 })
  })

  it('the same in English: sessions, sign out all others, token scopes', async () => {
    phone = await signInElsewhere()
    await page.goto('/settings/profile')
    await switchToEnglish(page)
    const card = page.getByTestId('sessions-card')
    await card.getByText('This device').waitFor()
    await expect.poll(() => card.locator('tbody tr.ant-table-row').count(), { timeout: 20_000 }).toBe(2)
    await card.scrollIntoViewIfNeeded()
    await screenshot(page, 'security-sessions-en')
    await card.getByRole('button', { name: 'Sign out all other sessions' }).click()
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Sign out all other sessions' }).click()
    await page.getByText('1 session signed out').waitFor()
    expect((await phone.request.get('/api/v1/auth/me')).status()).toBe(401)

    await page.goto('/settings/tokens')
    const row = page.locator('tbody tr').filter({ hasText: 'ERP 客户同步' })
    await row.getByText('Customers: Read and write').waitFor()
    await page.getByRole('button', { name: 'New token' }).first().click()
    const modal = page.locator('.ant-modal').filter({ hasText: 'Access' })
    await modal.getByText('Choose per module').click()
    await modal.getByTestId('scope-tickets').getByText('Read', { exact: true }).click()
    await screenshot(page, 'security-token-scopes-en')
    await page.keyboard.press('Escape')

    await page.goto('/settings/security')
    await page.getByTestId('security-settings').getByLabel('Sign out after inactivity').waitFor()
    await page.getByTestId('security-settings').scrollIntoViewIfNeeded()
    await screenshot(page, 'security-settings-en')
    expect(cspViolations).toEqual([])
  })
})
