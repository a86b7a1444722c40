/**
 * From deal to order in a real browser against a real server and a real SMTP server: a product
 * from the catalog on a deal line, 生成报价单, a line edited with live totals, the PDF, a send the
 * mail server first refuses (the error is shown, the quote stays unsent) and then accepts on retry
 * (one message, the PDF attached), an edit of the sent quote that becomes revision 2, acceptance
 * into an order, the order moved to shipped with a ship date, and the order on the customer page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpServer, type TestSmtpServer } from '../../src/test/smtp-server'
import { apiCall } from './support/api'
import { cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '王经理', email: 'quotes-admin@kith.test', password: 'kith-e2e-password-4' }
const CUSTOMER = '杭州青禾智能制造有限公司'
const CONTACT = { name: '周婷', email: 'zhou.ting@qinghe.cn' }
const DEAL = '青禾 MES 扫码终端采购'
const PRODUCT = { sku: 'SCN-200', name: '工业扫码终端 SCN-200', unitPrice: '1280.00', currency: 'CNY', taxRate: '13' }
const TZ = 'Asia/Shanghai'

let server: KithServer
let smtp: TestSmtpServer
let browser: Browser
let context: BrowserContext
let page: Page
let customerId = ''
let dealId = ''
let quoteId = ''
let orderId = ''

interface Created {
  id: string
  version: number
}

/** expect.poll with room for a busy CI machine (the default gives up after one second). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 20_000, interval: 200 })
const money = (testId: string) => page.getByTestId(testId).locator('[data-amount]').getAttribute('data-amount')

beforeAll(async () => {
  ensureWebBuilt()
  smtp = await startSmtpServer()
  server = await startServer({ SMTP_URL: smtp.url, KITH_MAIL_FROM: 'Kith Sales <sales@kith.test>' })
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: TZ, viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  page.setDefaultTimeout(45_000)
  // A broken page shows up in the test output, not only as a missing element.
  page.on('pageerror', (e) => console.error('page error:', e.message))
  page.on('response', (r) => r.status() >= 500 && console.error('server error:', r.status(), r.url()))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await smtp?.close()
})

describe('quotes and orders in the browser', () => {
  it('sets up the admin, the company profile, a product, a customer with a contact and a deal', async () => {
    await firstRunAdmin(page, ADMIN)

    await apiCall(page, 'POST', '/products', PRODUCT)
    const customer = await apiCall<Created>(page, 'POST', '/customers', { name: CUSTOMER, type: 'company', email: 'info@qinghe.cn' })
    customerId = customer.id
    await apiCall(page, 'POST', '/contacts', { customerId, name: CONTACT.name, email: CONTACT.email, isPrimary: true })
    const contacts = await apiCall<{ items: Created[] }>(page, 'GET', `/contacts?customerId=${customerId}`)
    const deal = await apiCall<Created>(page, 'POST', '/opportunities', { name: DEAL, customerId, contactId: contacts.items[0]!.id, currency: 'CNY', stage: 'proposal', amount: '0' })
    dealId = deal.id
  })

  it('fills in the company profile with a logo', async () => {
    await page.getByRole('menuitem', { name: /公司信息$/ }).click()
    await page.waitForURL(/\/settings\/company$/)
    // A small logo drawn in the page: a PNG the way a user's file would be.
    const logo = await page.evaluate(() => {
      const c = document.createElement('canvas')
      c.width = 240
      c.height = 80
      const g = c.getContext('2d')!
      g.fillStyle = '#4f46e5'
      g.fillRect(0, 0, 80, 80)
      g.fillStyle = '#111827'
      g.font = 'bold 36px sans-serif'
      g.fillText('Kaisi', 96, 54)
      return c.toDataURL('image/png').split(',')[1]!
    })
    await page.locator('input[type=file]').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from(logo, 'base64') })
    await page.getByTestId('logo-preview').locator('img').waitFor()
    await page.getByLabel('公司名称').fill('上海凯思软件有限公司')
    await page.getByLabel('地址').fill('上海市浦东新区张江路 88 号')
    await page.getByLabel('电话').fill('+86 21 5555 0100')
    await page.getByLabel('电子邮箱').fill('sales@kith.test')
    // The defaults an install that never set them has: the currency and zone shown are what it uses.
    await page.getByText('默认币种', { exact: true }).waitFor()
    await screenshot(page, 'company-profile-zh', true)
    await page.getByRole('button', { name: cjk('保存') }).click()
    await page.getByText('公司信息已保存').waitFor()
    const saved = await apiCall<{ name: string; logo: string | null; currency: string; timeZone: string }>(page, 'GET', '/settings/company')
    expect(saved).toMatchObject({ currency: 'CNY', timeZone: 'Asia/Shanghai' })
    expect(saved.name).toBe('上海凯思软件有限公司')
    expect(saved.logo).toMatch(/^data:image\/png;base64,/)
  })

  it('finds the product in the catalog', async () => {
    await page.getByRole('menuitem', { name: /产品$/ }).click()
    await page.waitForURL(/\/products$/)
    await page.getByText(PRODUCT.name).waitFor()
    await page.getByText('¥1,280.00').waitFor()
  })

  it('adds a product in the drawer: a taken SKU is shown under its field; then deactivates it', async () => {
    await page.getByRole('button', { name: '新建产品' }).first().click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.getByRole('button', { name: cjk('保存') }).click()
    await poll(() => drawer.locator('.ant-form-item-explain-error').count()).toBeGreaterThanOrEqual(2) // SKU and name required
    await drawer.getByLabel('产品编码').fill(PRODUCT.sku)
    await drawer.getByLabel('名称').fill('扫码终端支架')
    await drawer.getByLabel('单价').fill('86.5')
    await drawer.getByRole('button', { name: cjk('保存') }).click()
    await drawer.getByText('已有其他产品使用该编码').waitFor()
    await drawer.getByLabel('产品编码').fill('SCN-200-BRK')
    await drawer.getByRole('button', { name: cjk('保存') }).click()
    await page.getByText('产品已创建').waitFor()
    const row = page.locator('tr').filter({ hasText: '扫码终端支架' })
    await row.getByText('¥86.50').waitFor()
    await row.getByRole('button', { name: cjk('停用') }).click()
    await row.getByText('已停用').waitFor()
    await screenshot(page, 'products-zh')
  })

  it('adds the product to a deal line and generates the quote', async () => {
    await page.goto(`/opportunities/${dealId}`)
    await page.getByRole('tab', { name: '产品明细' }).click()
    const lines = page.getByTestId('lines-editor')
    await lines.getByRole('button', { name: cjk('添加明细') }).click()
    await lines.getByRole('combobox', { name: '产品 1' }).click()
    await page.keyboard.type('SCN')
    await page.locator('.ant-select-dropdown:visible').getByText(PRODUCT.name, { exact: false }).click()
    await poll(() => lines.getByLabel('产品 / 描述 1').inputValue()).toBe(PRODUCT.name)
    await lines.getByLabel('数量 1').fill('10')
    await lines.getByRole('button', { name: cjk('保存明细') }).click()
    await page.getByText('明细已保存').waitFor()

    await page.getByRole('button', { name: /生成报价单/ }).click()
    await page.waitForURL(/\/quotes\/[0-9a-f-]{36}$/)
    quoteId = new URL(page.url()).pathname.split('/').pop()!
    await poll(() => page.getByTestId('quote-number').textContent()).toMatch(/^Q-\d{4}-\d{4}$/)
    await poll(() => page.getByTestId('quote-status').textContent()).toBe('草稿')
    await page.getByRole('link', { name: CUSTOMER }).first().waitFor()
    // 10 × 1280 = 12800, 13% tax = 1664 → 14464
    await poll(() => money('quote-total')).toBe('14464.00')
  })

  it('edits a line with live totals and saves it', async () => {
    const lines = page.getByTestId('quote-lines')
    await lines.getByLabel('数量 1').fill('12')
    await lines.getByLabel('折扣 1').fill('5')
    // 12 × 1280 = 15360; −5% = 768 → 14592; 13% tax = 1896.96 → 16488.96
    await poll(() => money('quote-subtotal')).toBe('15360.00')
    await poll(() => money('quote-discountTotal')).toBe('-768.00')
    await poll(() => money('quote-taxTotal')).toBe('1896.96')
    await poll(() => money('quote-total')).toBe('16488.96')
    const saved = page.waitForResponse((r) => r.url().endsWith(`/api/v1/quotes/${quoteId}`) && r.request().method() === 'PATCH')
    await page.getByTestId('quote-save').click()
    expect((await saved).status()).toBe(200)
    await page.getByText('报价单已保存').waitFor()
    const quote = await apiCall<{ total: string; version: number }>(page, 'GET', `/quotes/${quoteId}`)
    expect(quote.total).toBe('16488.96')
    await screenshot(page, 'quote-zh', true)
  })

  it('serves the quote as a PDF', async () => {
    const href = await page.getByTestId('quote-pdf').getAttribute('href')
    expect(href).toBe(`/api/v1/quotes/${quoteId}/pdf`)
    const res = await page.request.get(href!)
    expect(res.status()).toBe(200)
    expect(res.headers()['content-type']).toContain('application/pdf')
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-')
  })

  it('shows a refused send plainly, keeps the quote unsent, and sends it on retry', async () => {
    await page.getByRole('button', { name: /发送给客户/ }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: '发送报价单' })
    await dialog.waitFor()
    await poll(() => dialog.getByLabel('收件人').inputValue()).toBe(CONTACT.email)
    expect(await dialog.getByLabel('主题').inputValue()).toContain('报价单')
    expect(await dialog.getByLabel('正文').inputValue()).toContain(`${CONTACT.name}，您好`)
    await screenshot(page, 'quote-send-zh')

    smtp.behave({ failAll: { code: 554, message: '5.7.1 Message rejected by policy' } })
    await dialog.getByRole('button', { name: cjk('发送') }).click()
    await dialog.getByTestId('send-error').waitFor()
    expect(await dialog.getByTestId('send-error').textContent()).toContain('邮件未发送')
    const unsent = await apiCall<{ status: string }>(page, 'GET', `/quotes/${quoteId}`)
    expect(unsent.status).toBe('draft')
    expect(smtp.messages).toHaveLength(0)

    smtp.behave({ failAll: null })
    await dialog.getByRole('button', { name: cjk('重试') }).click()
    await dialog.waitFor({ state: 'hidden' })
    const [mail] = await smtp.waitFor(1)
    expect(smtp.messages).toHaveLength(1)
    expect(mail!.envelopeTo).toContain(CONTACT.email)
    expect(mail!.subject).toContain('报价单')
    const pdf = mail!.attachments.find((a) => a.contentType === 'application/pdf')
    expect(pdf?.filename).toMatch(/^Q-\d{4}-\d{4}.*\.pdf$/)
    expect(pdf!.content.subarray(0, 5).toString()).toBe('%PDF-')
    await poll(() => page.getByTestId('quote-status').textContent()).toBe('已发送')
  })

  it('makes revision 2 when the sent quote is edited, and keeps revision 1 readable', async () => {
    await page.getByText('保存修改将生成第 2 版').waitFor()
    await page.getByTestId('quote-lines').getByLabel('折扣 1').fill('8')
    await page.getByTestId('quote-save').click()
    await page.waitForURL((url) => !url.pathname.endsWith(quoteId))
    await poll(() => page.getByTestId('quote-number').textContent()).toMatch(/（第 2 版）$/)
    await poll(() => page.getByTestId('quote-status').textContent()).toBe('草稿')
    const revisions = page.getByTestId('quote-revisions')
    await poll(() => revisions.locator('tbody tr.ant-table-row').count()).toBe(2)
    await revisions.getByRole('link').first().click()
    await page.waitForURL(new RegExp(`/quotes/${quoteId}$`))
    await page.getByTestId('quote-superseded').waitFor()
    await poll(() => page.getByTestId('quote-status').textContent()).toBe('已发送')
    expect(await page.getByTestId('quote-save').count()).toBe(0)
    await page.goBack()
    await page.waitForURL((url) => !url.pathname.endsWith(quoteId))
    quoteId = new URL(page.url()).pathname.split('/').pop()!
  })

  it('accepts the quote and lands on the order, then ships it', async () => {
    await page.getByRole('button', { name: cjk('接受') }).click()
    const confirm = page.getByRole('dialog').filter({ hasText: '确认接受报价单' })
    await confirm.getByRole('button', { name: '接受并生成订单' }).click()
    await page.waitForURL(/\/orders\/[0-9a-f-]{36}$/)
    orderId = new URL(page.url()).pathname.split('/').pop()!
    await poll(() => page.getByTestId('order-status').textContent()).toBe('待确认')
    const deal = await apiCall<{ stage: string }>(page, 'GET', `/opportunities/${dealId}`)
    expect(deal.stage).toBe('won')

    await page.getByRole('button', { name: /确认订单/ }).click()
    await poll(() => page.getByTestId('order-status').textContent()).toBe('已确认')
    await page.getByRole('button', { name: /标记为已发货/ }).click()
    const ship = page.getByRole('dialog').filter({ hasText: '标记为已发货' })
    await ship.getByLabel('发货日期').waitFor()
    await ship.getByRole('button', { name: cjk('确认发货') }).click()
    await poll(() => page.getByTestId('order-status').textContent()).toBe('已发货')
    await page.getByTestId('order-ship-date').waitFor()
    await screenshot(page, 'order-zh', true)
  })

  it('shows the order on the customer page', async () => {
    const order = await apiCall<{ number: string }>(page, 'GET', `/orders/${orderId}`)
    await page.goto(`/customers/${customerId}`)
    await page.getByRole('tab', { name: '订单' }).click()
    const orders = page.getByTestId('customer-orders')
    await orders.getByRole('link', { name: order.number }).waitFor()
    await orders.getByText('已发货').waitFor()
    await screenshot(page, 'customer-orders-zh')
  })

  it('lists the quote and the order, and filters the orders by status', async () => {
    const order = await apiCall<{ number: string }>(page, 'GET', `/orders/${orderId}`)
    const quote = await apiCall<{ number: string }>(page, 'GET', `/quotes/${quoteId}`)
    await page.goto('/quotes')
    await page.locator('.ant-table-row').filter({ hasText: quote.number }).first().waitFor()
    await page.goto('/orders?status=shipped')
    await page.locator('.ant-table-row').filter({ hasText: order.number }).waitFor()
    await page.goto('/orders?status=cancelled')
    await page.getByText(order.number).waitFor({ state: 'detached' })
    expect(await page.locator('.ant-table-row').count()).toBe(0)
  })

  it('in English and on a phone-sized screen', async () => {
    await switchToEnglish(page)
    await page.goto(`/quotes/${quoteId}`)
    await poll(() => page.getByTestId('quote-status').textContent()).toBe('Accepted')
    await page.getByText('CN¥', { exact: false }).first().waitFor()
    await screenshot(page, 'quote-en', true)
    await page.goto(`/orders/${orderId}`)
    await poll(() => page.getByTestId('order-status').textContent()).toBe('Shipped')
    await screenshot(page, 'order-en', true)

    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto(`/quotes/${quoteId}`)
    await page.getByTestId('quote-number').waitFor()
    // Nothing wider than the screen (the line table scrolls inside its own box).
    const tooWide = await page.evaluate(() =>
      Array.from(document.querySelectorAll('body *'))
        .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.ant-table-content, .ant-table-body'))
        .map((e) => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')} "${(e.textContent ?? '').slice(0, 30)}"`),
    )
    expect(tooWide).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0)
    await screenshot(page, 'quote-narrow-en', true)
  })
})
