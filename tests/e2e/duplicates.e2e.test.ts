/**
 * Duplicates in a real browser, in 中文 and English: a new customer with the name and e-mail of an
 * existing one is warned about before saving (with a link to the candidate and a "save anyway"
 * choice); the merge dialog proposes the duplicate and takes the chosen fields side by side; the
 * import preview opens a bad row with every one of its problems.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '周管理', email: 'admin@dup.test', password: 'kith-e2e-password-1' }

interface Customer { id: string; name: string; email: string | null; phone: string | null; industry: string | null; version: number }

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page
let dir: string

beforeAll(async () => {
  ensureWebBuilt()
  dir = mkdtempSync(join(tmpdir(), 'kith-dup-e2e-'))
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** An existing customer with a contact and a city: what the warning and the merge dialog show. */
async function existing(name: string, email: string, phone: string, city: string) {
  const c = await apiCall<Customer>(page, 'POST', '/customers', { name, email, phone, industry: '软件', address: { city } })
  await apiCall(page, 'POST', '/contacts', { customerId: c.id, name: '陈静', email: `chen.${c.id.slice(-6)}@example.com` })
  return c
}

/** Creates a customer in the drawer; the warning names `original`, and saving needs "save anyway". */
async function createDuplicate(original: Customer, values: { name: string; email: string }, labels: { create: string; name: string; email: string; save: RegExp }, shot: string) {
  await page.goto('/customers')
  await page.getByRole('button', { name: labels.create }).first().click()
  const drawer = page.locator('.ant-drawer-content')
  await drawer.getByLabel(labels.name).fill(values.name)
  await drawer.getByLabel(labels.email).fill(values.email)
  const warning = drawer.getByTestId('duplicate-warning')
  await warning.getByRole('link', { name: original.name }).waitFor()
  await drawer.getByTestId('duplicate-save-anyway').waitFor()
  await screenshot(page, shot)
  // Saving without the choice keeps the drawer open.
  await drawer.getByRole('button', { name: labels.save }).click()
  await page.waitForTimeout(500)
  expect(page.url()).toMatch(/\/customers$/)
  await drawer.getByTestId('duplicate-save-anyway').click()
  await drawer.getByRole('button', { name: labels.save }).click()
  await page.waitForURL(/\/customers\/[0-9a-f-]{36}$/)
  return new URL(page.url()).pathname.split('/').pop()!
}

/** Opens the merge dialog on `targetId`, checks the proposed candidate and takes e-mail and phone from it. */
async function mergeSideBySide(targetId: string, source: Customer, action: RegExp, shot: string) {
  await page.goto(`/customers/${targetId}`)
  await page.getByRole('button', { name: action }).click()
  const dialog = page.locator('.ant-modal-content')
  await dialog.getByTestId('merge-candidate').filter({ hasText: source.name }).waitFor()
  const compare = dialog.getByTestId('merge-compare')
  await compare.waitFor()
  await dialog.getByTestId('merge-choice-email-source').click()
  await dialog.getByTestId('merge-choice-industry-target').click()
  await screenshot(page, shot)
  await dialog.getByRole('button', { name: action.source.includes('合并') ? cjk('合并') : 'Merge' }).click()
  await dialog.waitFor({ state: 'detached' })
  return apiCall<Customer>(page, 'GET', `/customers/${targetId}`)
}

async function previewBadRow(file: string, shot: string, check: RegExp) {
  await page.goto('/import')
  await page.locator('input[type=file]').setInputFiles(file)
  await page.locator('[data-testid="import-mapping"]').waitFor()
  await page.getByTestId('import-check').click()
  const problems = page.getByTestId('preview-row-errors-3')
  await problems.waitFor()
  await expect.poll(() => problems.locator('li').count()).toBe(3)
  await problems.getByText(check).first().waitFor()
  await screenshot(page, shot, true)
}

describe('duplicates and import problems in the browser', () => {
  let original: Customer
  let duplicateId = ''

  it('sets up the admin and an existing customer', async () => {
    await firstRunAdmin(page, ADMIN)
    original = await existing('杭州云帆网络科技有限公司', 'info@yunfan.cn', '13812345678', '杭州市')
  })

  it('warns before saving a customer with the same name and e-mail, with the candidate (zh-CN)', async () => {
    duplicateId = await createDuplicate(
      original,
      { name: '杭州云帆网络科技有限公司', email: 'INFO@yunfan.cn' },
      { create: '新建客户', name: '名称', email: '电子邮箱', save: cjk('保存') },
      'customer-duplicate-warning-zh',
    )
    expect(duplicateId).not.toBe(original.id)
  })

  it('merges the duplicate field by field, side by side (zh-CN)', async () => {
    // The new one has its own e-mail: the merge takes the old one's.
    const dup = await apiCall<Customer>(page, 'GET', `/customers/${duplicateId}`)
    await apiCall(page, 'PATCH', `/customers/${duplicateId}`, { email: 'sales@yunfan.cn', industry: '互联网', version: dup.version })
    const merged = await mergeSideBySide(duplicateId, original, /合并重复客户/, 'customer-merge-fields-zh')
    expect(merged).toMatchObject({ email: 'info@yunfan.cn', industry: '互联网', phone: '+8613812345678' })
    const contacts = await apiCall<{ items: { name: string }[] }>(page, 'GET', `/contacts?customerId=${duplicateId}`)
    expect(contacts.items.map((c) => c.name)).toEqual(['陈静'])
  })

  it('opens a bad import row with every one of its problems (zh-CN)', async () => {
    const file = join(dir, '客户导入.csv')
    writeFileSync(file, '名称,邮箱,手机,城市\n苏州工业园区星海科技有限公司,xinghai@example.cn,13900001111,苏州市\n,不是邮箱,请来电,无锡市\n')
    await previewBadRow(file, 'import-preview-row-errors-zh', /邮箱|不是邮箱/)
  })

  it('does the same in English', async () => {
    await switchToEnglish(page)
    const acme = await existing('Northwind Traders', 'hello@northwind.example', '13912345678', 'Suzhou')
    const id = await createDuplicate(
      acme,
      { name: 'northwind traders', email: 'hello@northwind.example' },
      { create: 'New customer', name: 'Name', email: 'E-mail', save: /^Save$/ },
      'customer-duplicate-warning-en',
    )
    const dup = await apiCall<Customer>(page, 'GET', `/customers/${id}`)
    await apiCall(page, 'PATCH', `/customers/${id}`, { email: 'sales@northwind.example', industry: 'Logistics', version: dup.version })
    const merged = await mergeSideBySide(id, acme, /Merge duplicate/, 'customer-merge-fields-en')
    expect(merged).toMatchObject({ email: 'hello@northwind.example', industry: 'Logistics' })

    const file = join(dir, 'customers.csv')
    writeFileSync(file, 'Name,Email,Phone,City\nContoso Ltd,hi@contoso.example,13900002222,Shanghai\n,not-an-email,call me,Wuxi\n')
    await previewBadRow(file, 'import-preview-row-errors-en', /E-mail|Email/)
  })
})
