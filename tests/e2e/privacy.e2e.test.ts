/**
 * Privacy requests in a real browser: the admin downloads a lead's personal data as a ZIP and
 * erases him (in 中文), then erases a person-customer and exports a contact (in English). The
 * erase button stays disabled until the name is typed; afterwards the page shows the marker.
 */
import { readFile } from 'node:fs/promises'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '周管理', email: 'privacy-admin@kith.test', password: 'kith-e2e-password-9' }
const LEAD = { name: '陈思远', email: 'siyuan.chen@example.cn', phone: '13600001234', company: '思远咨询' }
const PERSON = { type: 'person', name: 'Zhang Wei', email: 'zhang.wei@example.com', phone: '13500004321' }

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page
const ids = { lead: '', customer: '', company: '', contact: '' }

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 900 }, acceptDownloads: true })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

/** Clicks the menu entry and returns the downloaded file's bytes. */
async function downloadExport(): Promise<Buffer> {
  await page.getByTestId('privacy-menu').click()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('privacy-export').click()])
  expect(download.suggestedFilename()).toMatch(/^kith-personal-data-(lead|customer|contact)-.+\.zip$/)
  return readFile((await download.path())!)
}

async function openErase(actionName: string) {
  await page.getByTestId('privacy-menu').click()
  await page.getByRole('menuitem', { name: cjk(actionName) }).click()
  return page.locator('.ant-modal-content')
}

describe('privacy requests in the browser', () => {
  it('sets up the admin, a lead, a person-customer and a contact', async () => {
    await firstRunAdmin(page, ADMIN)
    ids.lead = (await apiCall<{ id: string }>(page, 'POST', '/leads', LEAD)).id
    await apiCall(page, 'POST', '/activities', { type: 'call', subject: `致电 ${LEAD.name}`, leadId: ids.lead })
    ids.customer = (await apiCall<{ id: string }>(page, 'POST', '/customers', PERSON)).id
    ids.company = (await apiCall<{ id: string }>(page, 'POST', '/customers', { type: 'company', name: '北京星河贸易有限公司' })).id
    ids.contact = (await apiCall<{ id: string }>(page, 'POST', '/contacts', { customerId: ids.company, name: '刘洋', email: 'liu.yang@xinghe.cn' })).id
  })

  it('中文: exports the lead as a ZIP, then erases him after the name is typed', async () => {
    await page.goto(`/leads/${ids.lead}`)
    await page.getByText(LEAD.name).first().waitFor()
    const zip = await downloadExport()
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK')
    expect(zip.includes(Buffer.from('manifest.json'))).toBe(true)

    const modal = await openErase('删除个人信息')
    const ok = modal.getByRole('button', { name: cjk('永久删除') })
    await modal.getByText('营销活动不会再向此人发送邮件').waitFor()
    await expect.poll(() => ok.isDisabled()).toBe(true)
    await modal.getByLabel('此人的姓名').fill(LEAD.name)
    await expect.poll(() => ok.isDisabled()).toBe(false)
    await screenshot(page, 'privacy-erase-zh')
    await ok.click()
    await page.getByText('个人信息已删除。').waitFor()
    await page.getByText('[erased]').first().waitFor()
    const lead = await apiCall<{ name: string; email: string | null }>(page, 'GET', `/leads/${ids.lead}`)
    expect(lead).toMatchObject({ name: '[erased]', email: null })
  })

  it('English: erases a person-customer; a company has no such menu; a contact exports', async () => {
    await switchToEnglish(page)
    await page.goto(`/customers/${ids.customer}`)
    await page.getByTestId('customer-name').getByText(PERSON.name).waitFor()
    const modal = await openErase('Erase personal data')
    await modal.getByText('This cannot be undone.').waitFor()
    await modal.getByLabel('Name of the person').fill(PERSON.name)
    await screenshot(page, 'privacy-erase-en')
    await modal.getByRole('button', { name: cjk('Erase for good') }).click()
    await page.getByText('The personal data was erased.').waitFor()
    await expect.poll(() => page.getByTestId('customer-name').textContent()).toBe('[erased]')

    await page.goto(`/customers/${ids.company}`)
    await page.getByTestId('customer-name').getByText('北京星河贸易有限公司').waitFor()
    await page.getByRole('button', { name: cjk('Merge duplicate…') }).waitFor()
    expect(await page.getByTestId('privacy-menu').count()).toBe(0)

    await page.goto(`/contacts/${ids.contact}`)
    await page.locator('.ant-drawer-content').getByText('刘洋').first().waitFor()
    const zip = await downloadExport()
    expect(zip.subarray(0, 2).toString('latin1')).toBe('PK')
    await screenshot(page, 'privacy-contact-en')
  })
})
