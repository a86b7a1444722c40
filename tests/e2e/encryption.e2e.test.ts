/**
 * Field encryption in a real browser: a server started with KITH_ENCRYPTION_KEY shows its key's
 * fingerprint; the admin chooses the ticket fields to encrypt, saves, and the choice holds after
 * a reload; a ticket written afterwards reads back in the clear; with customer e-mail and phone
 * encrypted, a customer is found by the exact address and by the number's last digits. Screenshots in 中文 and English.
 */
import { randomBytes } from 'node:crypto'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '钱安全', email: 'security-admin@kith.test', password: 'kith-e2e-password-9' }

let server: KithServer
let browser: Browser
let page: Page

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer({ KITH_ENCRYPTION_KEY: randomBytes(32).toString('base64') })
  browser = await launchBrowser()
  const ctx = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } })
  page = await ctx.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('field encryption settings in the browser', () => {
  it('the admin chooses ticket fields to encrypt and the choice holds', async () => {
    await firstRunAdmin(page, ADMIN)

    await page.getByRole('menuitem', { name: '字段加密' }).click()
    await page.waitForURL(/\/settings\/encryption$/)
    await page.getByText(/指纹 [0-9a-f]{16}/).waitFor()
    await page.getByRole('checkbox', { name: '工单描述' }).check()
    await page.getByRole('checkbox', { name: '工单回复与内部备注' }).check()
    await page.getByRole('checkbox', { name: '客户邮箱' }).check()
    await page.getByRole('checkbox', { name: '客户电话' }).check()
    await page.getByText('仅能按完整值查找（完整邮箱、完整号码或尾号 4–8 位），不支持片段和模糊搜索').first().waitFor()
    await page.getByRole('button', { name: '保 存' }).or(page.getByRole('button', { name: '保存' })).click()
    await page.getByText('已保存。已有数据正在后台加密（或解密）。').waitFor()
    await screenshot(page, 'encryption-settings-zh')

    await page.reload()
    await expect.poll(() => page.getByRole('checkbox', { name: '工单描述' }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: '工单处理结果' }).isChecked()).toBe(false)

    const ticket = await apiCall<{ id: string; description: string }>(page, 'POST', '/tickets', { subject: '发票金额有误', description: '客户称发票金额多开了 200 元', assigneeId: null })
    expect(ticket.description).toBe('客户称发票金额多开了 200 元')
    await page.goto(`/tickets/${ticket.id}`)
    await page.getByText('客户称发票金额多开了 200 元').waitFor()

    // An encrypted customer e-mail is still found by the exact address, and shown in the clear.
    const customer = await apiCall<{ id: string }>(page, 'POST', '/customers', { name: '冯清', type: 'person', email: 'feng.qing@e2e.example.cn', phone: '13812340099' })
    const found = await apiCall<{ items: { id: string; email: string }[] }>(page, 'GET', `/customers?q=${encodeURIComponent('Feng.Qing@e2e.example.cn')}`)
    expect(found.items.map((c) => c.id)).toEqual([customer.id])
    expect((await apiCall<{ items: { id: string }[] }>(page, 'GET', '/customers?q=0099')).items.map((c) => c.id)).toEqual([customer.id])
    await page.goto(`/customers/${customer.id}`)
    await page.getByText('feng.qing@e2e.example.cn').first().waitFor()
  })

  it('reads in English', async () => {
    await page.goto('/settings/encryption')
    await switchToEnglish(page)
    await page.getByRole('heading', { name: 'Field encryption' }).waitFor()
    await page.getByText(/fingerprint [0-9a-f]{16}/).waitFor()
    expect(await page.getByRole('checkbox', { name: 'Ticket description' }).isChecked()).toBe(true)
    await screenshot(page, 'encryption-settings-en')
  })
})
