/**
 * The customer journey in a real browser against a real server: first-run set-up, create a
 * customer with a Chinese name, find it by a misspelled search, edit it (and survive a
 * concurrent edit), read its history, delete and restore it, switch to English; plus an XSS check.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '王管理', email: 'admin@kith.test', password: 'kith-e2e-password-1' }
const CUSTOMER = { name: '上海明辉科技有限公司', phone: '13812345678', email: 'info@minghui.cn', company: '明辉科技' }
/** One wrong character (枝 for 技): the server's trigram search still finds it. */
const TYPO = '上海明辉科枝'
const XSS_NAME = '<img src=x onerror=alert(1)>'

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page
let customerUrl = ''
const dialogs: string[] = []

async function sessionCsrf(p: Page): Promise<string> {
  const me = await p.request.get('/api/v1/auth/me')
  return ((await me.json()) as { csrfToken: string }).csrfToken
}

/** Picks an option in the antd Select labelled `label`. */
async function selectOption(p: Page, label: string, option: string) {
  await p.locator('.ant-select').filter({ has: p.getByLabel(label, { exact: true }) }).click()
  await p.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`).click()
}

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 900 } })
  page = await context.newPage()
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('customers in the browser', () => {
  it('first run: the set-up page creates the admin and signs him in', async () => {
    await firstRunAdmin(page, ADMIN)
    await page.getByTestId('user-menu').getByText(ADMIN.name).waitFor()
    await page.getByText('还没有客户').waitFor()
  })

  it('creates a customer with a Chinese name; the phone shows in national format', async () => {
    await page.getByRole('button', { name: '新建客户' }).first().click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.getByLabel('名称').fill(CUSTOMER.name)
    await drawer.getByLabel('电子邮箱').fill(CUSTOMER.email)
    await drawer.getByLabel('电话').fill(CUSTOMER.phone)
    await drawer.getByLabel('公司').fill(CUSTOMER.company)
    await drawer.getByRole('button', { name: cjk('保存') }).click()
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/)
    customerUrl = new URL(page.url()).pathname
    await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe(CUSTOMER.name)
    await page.getByText('138 1234 5678').first().waitFor()

    await page.goto('/customers')
    await page.getByRole('link', { name: CUSTOMER.name }).waitFor()
    await screenshot(page, 'customer-list-zh')
  })

  it('finds it through the header search despite a typo', async () => {
    await page.goto('/contacts')
    const search = page.getByTestId('global-search')
    await search.fill(TYPO)
    const hit = page.getByTestId('search-hit').filter({ hasText: CUSTOMER.name })
    await hit.waitFor()
    await search.press('Enter')
    await page.waitForURL((url) => url.pathname === customerUrl)
    await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe(CUSTOMER.name)
  })

  it('edits status and industry; the history shows before → after', async () => {
    await page.getByRole('button', { name: cjk('编辑') }).click()
    const drawer = page.locator('.ant-drawer-content')
    await selectOption(page, '状态', '活跃')
    await drawer.getByLabel('行业').fill('信息技术')
    await drawer.getByRole('button', { name: cjk('保存') }).click()
    await drawer.waitFor({ state: 'hidden' })
    await page.getByRole('tab', { name: '历史记录' }).click()
    const latest = page.getByTestId('history').locator('.ant-timeline-item').first()
    await latest.getByText('修改').waitFor()
    const text = await latest.textContent()
    expect(text).toContain('潜在客户')
    expect(text).toContain('活跃')
    expect(text).toContain('信息技术')
    await screenshot(page, 'customer-detail-history-zh')
  })

  it('shows the conflict dialog when someone else saved meanwhile, and overwrites on request', async () => {
    await page.getByRole('button', { name: cjk('编辑') }).click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.getByLabel('行业').fill('人工智能')

    // Someone else changes the same customer in the meantime.
    const id = customerUrl.split('/').pop()!
    const current = (await (await page.request.get(`/api/v1/customers/${id}`)).json()) as { version: number }
    const res = await page.request.patch(`/api/v1/customers/${id}`, {
      data: { industry: '云计算', source: '展会', version: current.version },
      headers: { 'X-CSRF-Token': await sessionCsrf(page) },
    })
    expect(res.status()).toBe(200)

    await drawer.getByRole('button', { name: cjk('保存') }).click()
    const dialog = page.getByRole('dialog').filter({ hasText: '此客户已被他人修改' })
    await dialog.waitFor()
    const table = dialog.getByTestId('conflict-table')
    await table.getByText('云计算').waitFor()
    await table.getByText('人工智能').waitFor()
    await screenshot(page, 'conflict-dialog-zh')
    await dialog.getByRole('button', { name: '用我的版本覆盖' }).click()
    await dialog.waitFor({ state: 'hidden' })
    await page.locator('.ant-descriptions').getByText('人工智能').waitFor()
    await page.locator('.ant-descriptions').getByText('展会').waitFor() // their other change is kept
  })

  it('deletes after confirmation, then restores from Recently deleted', async () => {
    await page.getByRole('button', { name: cjk('删除') }).click()
    const confirm = page.getByRole('dialog').filter({ hasText: `删除“${CUSTOMER.name}”？` })
    await confirm.waitFor()
    await confirm.getByRole('button', { name: cjk('删除') }).click()
    await page.waitForURL(/\/customers$/)
    await page.getByTestId('undo-delete').waitFor()
    await page.getByText('还没有客户').waitFor()

    await page.locator('.ant-segmented').getByText('最近删除').click()
    await page.waitForURL(/\/customers\/deleted$/)
    const row = page.getByRole('row').filter({ hasText: CUSTOMER.name })
    await row.waitFor()
    await row.getByRole('button', { name: cjk('恢复') }).click()
    await page.getByText(`“${CUSTOMER.name}”已恢复。`).waitFor()
    await row.waitFor({ state: 'detached' })

    await page.locator('.ant-segmented').getByText('全部客户').click()
    await page.getByRole('link', { name: CUSTOMER.name }).waitFor()
  })

  it('renders a script-like customer name as plain text', async () => {
    await page.getByRole('button', { name: '新建客户' }).first().click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.getByLabel('名称').fill(XSS_NAME)
    await drawer.getByRole('button', { name: cjk('保存') }).click()
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/)
    await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe(XSS_NAME)
    await page.goto('/customers')
    await page.getByRole('link', { name: XSS_NAME }).waitFor()
    expect(await page.locator('img[src="x"]').count()).toBe(0)
    expect(dialogs).toEqual([])
  })

  it('switches to English and remembers it on the profile', async () => {
    await switchToEnglish(page)
    await page.getByRole('heading', { name: 'Customers' }).waitFor()
    await page.getByRole('button', { name: 'New customer' }).first().waitFor()
    await page.getByRole('menuitem', { name: 'Contacts' }).waitFor()
    await expect.poll(async () => ((await (await page.request.get('/api/v1/auth/me')).json()) as { user: { locale: string } }).user.locale).toBe('en')
    await screenshot(page, 'customer-list-en')

    await page.goto(customerUrl)
    await page.getByRole('tab', { name: 'History' }).click()
    await page.getByTestId('history').getByText('Updated').first().waitFor()
    await screenshot(page, 'customer-detail-history-en')
  })

  it('sorts the list by a column header, on the server', async () => {
    await page.goto('/customers')
    const nameHeader = page.locator('th.ant-table-column-has-sorters').first()
    await nameHeader.waitFor()
    const names = () => page.locator('.ant-table-tbody tr[data-row-key] td:first-child a').allTextContents()
    const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
    // A third click goes back to ascending (the server has no "unsorted" order to show).
    for (const [sort, aria] of [['name', 'ascending'], ['-name', 'descending'], ['name', 'ascending']] as const) {
      await nameHeader.click()
      await page.waitForURL((url) => url.searchParams.get('sort') === sort)
      await expect.poll(() => nameHeader.getAttribute('aria-sort')).toBe(aria)
      await expect.poll(async () => {
        const shown = await names()
        const sorted = [...shown].sort(byCodePoint)
        return shown.length > 1 && JSON.stringify(shown) === JSON.stringify(aria === 'ascending' ? sorted : sorted.reverse())
      }).toBe(true)
    }
  })

  it('works on a narrow phone screen', async () => {
    const phone = await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: await context.storageState() })
    const p = await phone.newPage()
    await p.goto('/customers')
    await p.getByRole('link', { name: CUSTOMER.name }).waitFor()
    expect(await p.locator('.ant-layout-sider').count()).toBe(0) // navigation lives in a drawer
    await screenshot(p, 'mobile-customer-list-en')
    await p.getByRole('button', { name: 'Toggle navigation' }).click()
    await p.getByRole('menuitem', { name: 'Contacts' }).waitFor()
    await screenshot(p, 'mobile-navigation-en')
    await phone.close()
  })

  it('shows the sign-in page to a visitor', async () => {
    const visitor = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1280, height: 800 } })
    const p = await visitor.newPage()
    await p.goto(customerUrl)
    await p.waitForURL(/\/login\?next=/)
    await p.getByLabel('电子邮箱').waitFor()
    await screenshot(p, 'login-zh')
    await p.getByLabel('电子邮箱').fill(ADMIN.email)
    await p.getByLabel('密码').fill(ADMIN.password)
    await p.getByRole('button', { name: cjk('登录') }).click()
    await p.waitForURL((url) => url.pathname === customerUrl) // back where he wanted to go
    await visitor.close()
  })
})
