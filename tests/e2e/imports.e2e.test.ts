/**
 * Import and export in a real browser against a real server: a GBK-encoded CSV of Chinese
 * customers (as Chinese Excel saves it) with one bad row goes through the wizard — upload, the
 * proposed mapping 名称→名称 etc., dry run (1 invalid), import with the progress bar to 100%, the
 * rejected rows downloaded with their reason — then the customers list is exported to XLSX and
 * CSV and both files are read back. The dry run is shown again in English for the screenshot, and
 * last a file of e-mails fills a static mailing list (unknown addresses created as leads).
 */
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import iconv from 'iconv-lite'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { cjk, firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '周导入', email: 'import-admin@kith.test', password: 'kith-e2e-password-3' }
const CUSTOMERS = [
  ['杭州云栖科技有限公司', 'info@yunqi.cn', '13800001111', '杭州'],
  ['成都天府软件有限公司', 'sales@tianfu.cn', '13800002222', '成都'],
  ['深圳前海贸易有限公司', 'hi@qianhai.cn', '13800003333', '深圳'],
  ['南京紫金物流有限公司', 'contact@zijin.cn', '13800004444', '南京'],
]
const BAD = ['武汉光谷电子有限公司', '不是邮箱', '13800005555', '武汉']

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page
let dir: string
let csvPath: string

async function uploadFile() {
  await page.goto('/import')
  await page.locator('input[type=file]').setInputFiles(csvPath)
  await page.locator('[data-testid="import-mapping"]').waitFor()
}

const pick = (option: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click()

const mappedTo = (column: string) => page.locator(`[data-testid="map-${column}"] .ant-select-selection-item`).innerText()

async function download(trigger: () => Promise<void>): Promise<{ name: string; body: Buffer }> {
  const [file] = await Promise.all([page.waitForEvent('download'), trigger()])
  const path = join(dir, file.suggestedFilename())
  await file.saveAs(path)
  return { name: file.suggestedFilename(), body: readFileSync(path) }
}

beforeAll(async () => {
  ensureWebBuilt()
  dir = mkdtempSync(join(tmpdir(), 'kith-import-e2e-'))
  const lines = [['名称', '邮箱', '手机', '城市'], ...CUSTOMERS.slice(0, 2), BAD, ...CUSTOMERS.slice(2)].map((r) => r.join(',')).join('\r\n')
  csvPath = join(dir, '客户名单.csv')
  writeFileSync(csvPath, iconv.encode(`${lines}\r\n`, 'gbk'))
  server = await startServer()
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 }, acceptDownloads: true })
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('import wizard and export in the browser', () => {
  it('sets up the admin', async () => {
    await firstRunAdmin(page, ADMIN)
  })

  it('reads the GBK file and proposes the mapping from the Chinese headers', async () => {
    await page.getByRole('menuitem', { name: /数据导入$/ }).click()
    await page.waitForURL(/\/import$/)
    await page.locator('input[type=file]').setInputFiles(csvPath)
    await page.locator('[data-testid="import-mapping"]').waitFor()
    expect((await page.getByTestId('import-encoding').innerText()).toLowerCase()).toMatch(/^(gbk|gb18030|gb2312)$/)
    expect(await page.getByTestId('import-file-name').innerText()).toBe('客户名单.csv')
    expect(await mappedTo('名称')).toBe('名称 *')
    expect(await mappedTo('邮箱')).toBe('邮箱')
    expect(await mappedTo('手机')).toBe('电话')
    expect(await mappedTo('城市')).toBe('城市')
    expect(await page.getByTestId('confidence-名称').innerText()).toBe('确定') // header and values agree
    expect(await page.getByTestId('import-region').innerText()).toContain('中国') // the server's default region
    await expect.poll(() => page.locator('[data-testid="import-mapping"]').getByText('杭州云栖科技有限公司').count()).toBeGreaterThan(0)
    await screenshot(page, 'import-mapping-zh', true)
  })

  it('dry-runs: four new, one invalid with its reason, nothing written', async () => {
    await page.getByTestId('import-check').click()
    const result = page.getByTestId('import-dry-run')
    await result.waitFor()
    expect(await page.getByTestId('count-created').locator('.ant-statistic-content-value').innerText()).toBe('4')
    expect(await page.getByTestId('count-invalid').locator('.ant-statistic-content-value').innerText()).toBe('1')
    const errors = page.getByTestId('import-row-errors')
    await expect.poll(() => errors.locator('tbody tr').count()).toBe(1)
    expect(await errors.locator('tbody tr td').first().innerText()).toBe('4') // header is row 1, the bad row is the file's 4th line
    expect(await page.getByTestId('import-preview').getByText('+8613800001111').count()).toBe(1) // stored as E.164
    expect(await page.getByTestId('import-run').isDisabled()).toBe(true) // an invalid row blocks until skipped
    const res = await page.request.get('/api/v1/customers')
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(0)
  })

  it('imports the valid rows with a progress bar that reaches 100%', async () => {
    await page.getByTestId('import-skip-invalid-2').click()
    await page.getByTestId('import-run').click()
    await page.getByTestId('import-progress-bar').waitFor()
    await page.getByText('导入完成').waitFor({ timeout: 60_000 })
    const bar = page.getByTestId('import-progress-bar')
    expect(await bar.getAttribute('aria-valuenow')).toBe('100')
    expect(await bar.getAttribute('class')).toContain('ant-progress-status-success')
    const res = await page.request.get('/api/v1/customers?sort=name&limit=50')
    const names = ((await res.json()) as { items: { name: string }[] }).items.map((c) => c.name)
    expect(names.sort()).toEqual(CUSTOMERS.map((c) => c[0]).sort())
  })

  it('downloads the rejected rows with a reason column, ready to fix', async () => {
    const { body } = await download(() => page.getByTestId('import-errors-csv').click())
    const text = body.toString('utf8').replace(/^\uFEFF/, '')
    const rows = parse(text, { relax_column_count: true }) as string[][]
    expect(rows).toHaveLength(2)
    expect(rows[1]).toEqual(expect.arrayContaining(BAD))
    const reasonColumn = rows[0]!.findIndex((h) => /原因|reason|error/i.test(h))
    expect(reasonColumn, `a reason column in ${rows[0]!.join(',')}`).toBeGreaterThanOrEqual(0)
    expect(rows[1]![reasonColumn]).toMatch(/邮箱|e-?mail/i)
  })

  it('exports the customers list to XLSX and CSV', async () => {
    await page.getByRole('menuitem', { name: /客户$/ }).first().click()
    await page.waitForURL(/\/customers$/)
    await page.getByText('杭州云栖科技有限公司').waitFor()

    await page.getByTestId('export-customers').click()
    const xlsx = await download(() => page.getByTestId('export-customers-xlsx').click())
    expect(xlsx.name).toMatch(/^客户-\d{4}-\d{2}-\d{2}\.xlsx$/)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(xlsx.body as unknown as ArrayBuffer)
    const ws = wb.worksheets[0]!
    expect(ws.getRow(1).getCell(1).value).toBe('名称')
    const sheetNames: unknown[] = []
    ws.eachRow((row, n) => n > 1 && sheetNames.push(row.getCell(1).value))
    expect(sheetNames.sort()).toEqual(CUSTOMERS.map((c) => c[0]).sort())

    await page.getByTestId('export-customers').click()
    const csv = await download(() => page.getByTestId('export-customers-csv').click())
    expect(csv.name).toMatch(/^客户-\d{4}-\d{2}-\d{2}\.csv$/)
    expect([...csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(csv.body.toString('utf8').slice(1)) as string[][]
    expect(rows[0]![0]).toBe('名称')
    expect(rows.slice(1).map((r) => r[0]).sort()).toEqual(CUSTOMERS.map((c) => c[0]).sort())
    expect(rows.find((r) => r[0] === '成都天府软件有限公司')).toContain('sales@tianfu.cn')
  })

  it('shows the dry run in English', async () => {
    await switchToEnglish(page)
    await uploadFile()
    expect(await mappedTo('名称')).toBe('Name *')
    // Now every row is a duplicate by e-mail (skipped), except the bad one.
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-dry-run').waitFor()
    expect(await page.getByTestId('count-skipped').locator('.ant-statistic-content-value').innerText()).toBe('4')
    await page.getByRole('button', { name: cjk('Import 0 records') }).waitFor()
    await screenshot(page, 'import-dryrun-en', true)
  })

  it('lists the import in the history and undoes it', async () => {
    await page.goto('/imports')
    const history = page.getByTestId('import-history')
    await history.getByText('客户名单.csv').first().waitFor()
    await history.getByRole('button', { name: /Undo/ }).first().click()
    await page.getByRole('button', { name: 'Undo import' }).click()
    await page.getByText(/Undone: 4 removed/).waitFor()
    const res = await page.request.get('/api/v1/customers')
    expect(((await res.json()) as { items: unknown[] }).items).toHaveLength(0)
  })

  it('fills a static mailing list from a file of e-mails, creating leads for unknown ones', async () => {
    const list = await apiCall<{ id: string }>(page, 'POST', '/mailing-lists', { name: '展会名单 2026', kind: 'static' })
    const members = join(dir, 'expo.csv')
    writeFileSync(members, '姓名,邮箱,公司\r\n林晓,lin.xiao@expo.cn,宁波港务\r\n陈默,chen.mo@expo.cn,\r\n林晓,LIN.XIAO@expo.cn,宁波港务\r\n')
    await page.goto('/import')
    await page.getByTestId('import-entity').click()
    await pick('Mailing-list members')
    await page.getByText('Choose the mailing list first').waitFor()
    await page.getByTestId('import-list').click()
    await pick('展会名单 2026')
    await page.locator('input[type=file]').setInputFiles(members)
    await page.locator('[data-testid="import-mapping"]').waitFor()
    expect(await mappedTo('邮箱')).toBe('E-mail *')
    await page.getByTestId('import-create-missing').click()
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-dry-run').waitFor()
    expect(await page.getByTestId('count-created').locator('.ant-statistic-content-value').innerText()).toBe('2')
    expect(await page.getByTestId('count-skipped').locator('.ant-statistic-content-value').innerText()).toBe('1') // the repeat
    await screenshot(page, 'import-list-members-en', true)
    await page.getByRole('button', { name: cjk('Add 2 members') }).click()
    await page.getByTestId('import-progress-bar').waitFor()
    await page.getByRole('link', { name: 'View the mailing list' }).waitFor({ timeout: 60_000 })
    const listed = await apiCall<{ items: { email: string; kind: string }[] }>(page, 'GET', `/mailing-lists/${list.id}/members`)
    expect(listed.items.map((m) => `${m.kind} ${m.email}`).sort()).toEqual(['lead chen.mo@expo.cn', 'lead lin.xiao@expo.cn'])
  })

  it("reads a row's country for its phone, keeps a row without its invalid phone when asked, and lists what it left out", async () => {
    const leads = join(dir, 'us-leads.csv')
    writeFileSync(leads, 'name,phone,country,employees\r\nAda Lovelace,(202) 555-0142 x12,US,12\r\nGrace Hopper,(759)812-4987,US,7\r\n')
    await page.goto('/import?entity=leads')
    await page.locator('input[type=file]').setInputFiles(leads)
    await page.locator('[data-testid="import-mapping"]').waitFor()
    expect(await mappedTo('country')).toBe('Country (of the phone)')
    // A staff count is no company: left unmapped, offered as a guess.
    expect(await mappedTo('employees')).toBe('Ignore this column')
    expect(await page.getByTestId('confidence-employees').innerText()).toBe('Maybe Company?')
    await page.getByTestId('import-drop-invalid-phone').click()
    await page.evaluate(() => window.scrollTo(0, 0)) // a full-page shot of a scrolled page draws the sticky header mid-page
    await screenshot(page, 'import-mapping-confidence-en', true)
    await page.getByTestId('import-check').click()
    await page.getByTestId('import-dry-run').waitFor()
    await page.getByTestId('preview-warning-3').waitFor()
    await page.getByRole('button', { name: cjk('Import 2 records') }).click()
    const warnings = page.getByTestId('import-warnings')
    await warnings.waitFor({ timeout: 60_000 })
    expect(await warnings.innerText()).toContain('"(759)812-4987" is not a valid number in United States')
    await screenshot(page, 'import-phone-warnings-en', true)
    const res = await page.request.get('/api/v1/leads?q=Lovelace')
    expect(((await res.json()) as { items: { phone: string | null }[] }).items.map((l) => l.phone)).toEqual(['+12025550142;ext=12'])
  })

  it('says how many deals have no created date and rejects them when asked', async () => {
    const deals = join(dir, 'deals.csv')
    writeFileSync(deals, 'Deal name,Customer,Created date\r\nHarbour cranes,宁波港务,2025-05-06\r\nDock lights,宁波港务,\r\n')
    await page.goto('/import')
    await page.getByTestId('import-entity').click()
    await pick('Deals')
    await page.locator('input[type=file]').setInputFiles(deals)
    await page.locator('[data-testid="import-mapping"]').waitFor()
    await page.getByTestId('import-create-missing').click()
    // The earlier flow left "skip duplicates by e-mail" chosen; deals match by name only.
    await page.getByText('Create anyway').click()
    await page.getByTestId('import-check').click()
    const card = page.getByTestId('import-blank-dates')
    await card.getByText('1 row has no Created.').waitFor()
    await page.getByTestId('import-blank-date-createdAt').click()
    await pick('Reject the row')
    await page.getByTestId('import-recheck').click()
    await expect.poll(() => page.getByTestId('count-invalid').locator('.ant-statistic-content-value').innerText()).toBe('1')
    expect(await page.getByTestId('import-row-errors').getByText('The date is empty').count()).toBe(1)
    await screenshot(page, 'import-blank-dates-en', true)
  })
})
