/**
 * Chinese search in a real browser (issue 18 item 2): two characters from the middle of a company
 * name (云帆) find it in the customer list and in the header search, a single-character surname
 * (张) finds the people who have it, a short name with one character wrong (杭洲云帆) is still
 * found; and English search in English still works.
 */
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { firstRunAdmin, screenshot, switchToEnglish } from './support/browser'
import { openBrowserSession, type BrowserSession } from './support/session'

const ADMIN = { name: '赵管理', email: 'admin@kith.test', password: 'kith-e2e-password-1' }
const CUSTOMERS = [
  { name: '杭州云帆网络科技有限公司', type: 'company', email: 'hello@yunfan.cn' },
  { name: '云帆', type: 'company' },
  { name: '云南帆船俱乐部', type: 'company' }, // 云 and 帆, not 云帆: must not match
  { name: '深圳智星电子有限公司', type: 'company' },
  { name: '张伟', type: 'person', phone: '13900001111' },
  { name: '张三丰', type: 'person' },
  { name: '王一鸣', type: 'person' },
  { name: 'Amanda Smith', type: 'person', email: 'amanda@example.com' },
  { name: 'Northwind Traders', type: 'company' },
]

let session: BrowserSession
let page: Page

beforeAll(async () => {
  session = await openBrowserSession()
  page = session.page
})
afterAll(() => session?.close())

/** The names in the customer table, in order. */
const listedNames = async () =>
  (await page.locator('.ant-table-tbody tr.ant-table-row td a[href^="/customers/"]').allTextContents()).map((t) => t.trim()).filter(Boolean)

/** Waits until the table lists exactly `names` (the list refetches after the debounced input). */
const expectListed = (names: string[]) => expect.poll(listedNames, { timeout: 20_000 }).toEqual(names)

async function searchList(placeholder: string, q: string) {
  const box = page.getByPlaceholder(placeholder)
  await box.fill(q)
  await page.waitForURL((url) => url.searchParams.get('q') === q)
}

describe('Chinese search in the browser', () => {
  it('set-up: an admin and a few customers', async () => {
    await firstRunAdmin(page, ADMIN)
    for (const c of CUSTOMERS) await apiCall(page, 'POST', '/customers', c)
  })

  it('the customer list finds 云帆 in the middle of a company name, the exact name first', async () => {
    await page.goto('/customers')
    await searchList('搜索名称、邮箱、电话、公司', '云帆')
    // The exact name first, then the name that has it in the middle; not 云南帆船俱乐部 (云 and 帆 apart).
    await expectListed(['云帆', '杭州云帆网络科技有限公司'])
    await screenshot(page, 'search-cjk-customer-list-zh')
  })

  it('the customer list finds the surname 张 and a short name with one character wrong', async () => {
    await searchList('搜索名称、邮箱、电话、公司', '张')
    await expectListed(['张伟', '张三丰'])
    await searchList('搜索名称、邮箱、电话、公司', '杭洲云帆')
    await expectListed(['杭州云帆网络科技有限公司'])
  })

  it('the header search finds 云帆 and 一鸣, and opens the customer', async () => {
    await page.goto('/contacts')
    const search = page.getByTestId('global-search')
    await search.fill('一鸣')
    await page.getByTestId('search-hit').filter({ hasText: '王一鸣' }).waitFor({ timeout: 20_000 })
    await search.fill('云帆')
    const hit = page.getByTestId('search-hit').filter({ hasText: '杭州云帆网络科技有限公司' })
    await hit.waitFor({ timeout: 20_000 })
    expect(await page.getByTestId('search-hit').filter({ hasText: '云南帆船俱乐部' }).count()).toBe(0)
    await screenshot(page, 'search-cjk-global-zh')
    await hit.click()
    await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/)
    await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe('杭州云帆网络科技有限公司')
  })

  it('in English: a word and a typo find English names', async () => {
    await switchToEnglish(page)
    await page.goto('/customers')
    await searchList('Search name, e-mail, phone, company', 'amanda')
    await expectListed(['Amanda Smith'])
    await searchList('Search name, e-mail, phone, company', 'Northwnd')
    await expectListed(['Northwind Traders'])
    await screenshot(page, 'search-customer-list-en')
    const search = page.getByTestId('global-search')
    await search.fill('Amanda Smiht')
    await page.getByTestId('search-hit').filter({ hasText: 'Amanda Smith' }).waitFor({ timeout: 20_000 })
    await screenshot(page, 'search-global-en')
  })
})
