/**
 * The tamper-evident audit card in a real browser: an admin sees that the log was never verified,
 * starts a verification (a background job the server works), and sees it come back intact with the
 * number of entries checked; then the same card in English. Screenshots in Chinese and English.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '审计管理员', email: 'audit-admin@kith.test', password: 'kith-e2e-password-9' }

let server: KithServer
let browser: Browser
let page: Page

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 1000 } })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('tamper-evident audit in the browser', () => {
  it('verifies the audit log from its page and shows the result', async () => {
    await firstRunAdmin(page, ADMIN)
    for (const name of ['杭州西湖茶业', '苏州园林设计']) await apiCall(page, 'POST', '/customers', { name })

    await page.goto('/audit')
    await page.getByText('审计日志尚未校验过。').waitFor()
    await page.getByRole('button', { name: '立即校验' }).click()
    await page.getByText('完好').waitFor({ timeout: 30_000 })
    const checked = page.locator('.ant-descriptions-item').filter({ hasText: '已校验记录' })
    expect(Number((await checked.locator('.ant-descriptions-item-content').innerText()).replace(/\D/g, ''))).toBeGreaterThanOrEqual(3)
    await screenshot(page, 'audit-integrity-zh')

    await switchToEnglish(page)
    await page.goto('/audit')
    await page.getByText('Intact').waitFor()
    await page.getByRole('button', { name: 'Verify now' }).waitFor()
    await screenshot(page, 'audit-integrity-en')
  }, 120_000)
})
