/**
 * Marketing in a real browser against a real server and a real SMTP server: a dynamic segment
 * (行业 = 制造业 AND 城市 = 上海) built row by row with its live count, an e-mail campaign on it
 * with merge fields (an unknown one refused on the field), the preview per recipient, a test
 * send, the real send with its progress, and the stats — in Chinese, then in English.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSmtpServer, type TestSmtpServer } from '../../src/test/smtp-server'
import { apiCall } from './support/api'
import { chooseOption, cjk, firstRunAdmin, launchBrowser, screenshot, screenshotDir, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '周市场', email: 'marketing-admin@kith.test', password: 'kith-e2e-password-6' }
const LIST = '上海制造业客户'
const CAMPAIGN = '2027 智能制造峰会邀请'
const TEST_TO = 'qa-inbox@kith.test'

// Who the segment must find: Shanghai manufacturers and their contacts (one imported as 上海市, as
// exports say it); the others must not match.
const MATCHING = [
  { name: '上海精工机械有限公司', email: 'info@jinggong.cn', city: '上海', contacts: [{ name: '王磊', email: 'wang.lei@jinggong.cn' }] },
  { name: '沪东重工集团', email: 'market@hudong-heavy.cn', city: '上海市', contacts: [] },
  { name: 'Shanghai Precision Parts Co.', email: 'sales@sh-precision.com', city: '上海', contacts: [] },
]
const OTHERS = [
  { name: '北京制造科技', email: 'hello@bj-made.cn', industry: '制造业', city: '北京' },
  { name: '上海百货零售', email: 'contact@sh-retail.cn', industry: '零售', city: '上海' },
]
const EXPECTED = [...MATCHING.map((c) => c.email), ...MATCHING.flatMap((c) => c.contacts.map((x) => x.email))].sort()

let server: KithServer
let smtp: TestSmtpServer
let browser: Browser
let context: BrowserContext
let page: Page
let campaignUrl = ''
let listId = ''

beforeAll(async () => {
  ensureWebBuilt()
  smtp = await startSmtpServer()
  server = await startServer({ SMTP_URL: smtp.url, KITH_MAIL_FROM: 'Kith <marketing@kith.test>' })
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } })
  page = await context.newPage()
  // A crash in the page shows up in the test output, not only as a missing element.
  page.on('pageerror', (e) => console.error('[page error]', e.message))
  page.on('request', (r) => inFlight.add(r))
  page.on('requestfinished', (r) => inFlight.delete(r))
  page.on('requestfailed', (r) => inFlight.delete(r))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  await smtp?.close()
})

/**
 * A screenshot of a page with the e-mail preview frame: its srcdoc document keeps Playwright's
 * "networkidle" from settling, so this waits for what matters here instead (fonts, no toasts,
 * no running animations, no request in flight).
 */
async function previewShot(name: string) {
  await page.evaluate(() => document.fonts.ready)
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 })
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))
  await expect.poll(() => inFlight.size, { timeout: 10_000 }).toBe(0)
  await page.screenshot({ path: `${screenshotDir}/${name}.png` })
}
const inFlight = new Set<unknown>()

/** Opens an antd Select by its label, types, and picks the option with this text. */
async function pick(label: string, typed: string, option: string | RegExp) {
  const box = page.getByLabel(label, { exact: true })
  await box.click()
  await box.fill(typed)
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click()
}

describe('marketing in the browser', () => {
  it('sets up the admin and the customers to segment', async () => {
    await firstRunAdmin(page, ADMIN)

    for (const c of MATCHING) {
      const created = await apiCall<{ id: string }>(page, 'POST', '/customers', { name: c.name, type: 'company', email: c.email, industry: '制造业', address: { city: c.city } })
      for (const x of c.contacts) await apiCall(page, 'POST', '/contacts', { customerId: created.id, name: x.name, email: x.email })
    }
    for (const c of OTHERS) await apiCall(page, 'POST', '/customers', { name: c.name, type: 'company', email: c.email, industry: c.industry, address: { city: c.city } })
  })

  it('builds a dynamic segment with a live count', async () => {
    await page.getByRole('menuitem', { name: /邮件列表$/ }).click()
    await page.waitForURL(/\/mailing-lists$/)
    await page.getByText('还没有邮件列表').waitFor()
    await page.getByRole('button', { name: '新建列表' }).first().click()
    await page.waitForURL(/\/mailing-lists\/new$/)
    await page.getByLabel('名称').fill(LIST)

    const count = page.getByTestId('segment-count')
    await page.getByLabel('行业的值').fill('制造业')
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe('5') // four manufacturers and 王磊, before the city narrows it
    await page.getByRole('button', { name: '添加条件' }).click()
    await page.getByText('并且').waitFor()
    // "包含" (contains) is the text fields' first operator, and the values the data holds are offered as one types.
    expect(await page.getByTestId('segment-row').nth(1).getByText('包含').count()).toBe(1)
    const city = page.getByLabel('城市的值')
    await city.fill('上')
    const suggestions = page.locator('.ant-select-dropdown:visible .ant-select-item-option')
    await expect.poll(() => suggestions.allTextContents(), { timeout: 15_000 }).toEqual(['上海', '上海市'])
    await screenshot(page, 'segment-suggestions-zh')
    await suggestions.filter({ hasText: /^上海$/ }).click()
    expect(await city.inputValue()).toBe('上海')
    await expect.poll(() => count.textContent(), { timeout: 15_000 }).toBe(String(EXPECTED.length))
    await expect.poll(() => page.getByTestId('segment-emails').textContent()).toBe(String(EXPECTED.length))
    const preview = page.getByTestId('segment-preview')
    for (const c of MATCHING) await preview.getByRole('link', { name: c.name }).waitFor()
    expect(await preview.getByText('北京制造科技').count()).toBe(0)
    await screenshot(page, 'segment-zh')

    await page.getByRole('button', { name: cjk('保存') }).click()
    await page.waitForURL(/\/mailing-lists\/[0-9a-f-]{36}$/)
    listId = new URL(page.url()).pathname.split('/').pop()!
    await expect.poll(() => page.getByTestId('mailing-list-name').textContent()).toBe(LIST)
    await page.getByTestId('list-members').getByRole('link', { name: '王磊' }).waitFor()
  })

  it('creates an e-mail campaign on the segment, refusing an unknown merge field at save', async () => {
    await page.getByRole('menuitem', { name: /营销活动$/ }).click()
    await page.waitForURL(/\/campaigns$/)
    await page.getByRole('button', { name: '新建活动' }).first().click()
    const drawer = page.locator('.ant-drawer-content')
    await drawer.getByLabel('名称').fill(CAMPAIGN)
    await pick('邮件列表', '上海', LIST)
    await drawer.getByLabel('预算').fill('20000')
    await drawer.getByLabel('实际花费').fill('12500.50')
    await drawer.getByRole('button', { name: cjk('保存') }).click()
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/)
    campaignUrl = new URL(page.url()).pathname
    await expect.poll(() => page.getByTestId('campaign-name').textContent()).toBe(CAMPAIGN)

    const editor = page.getByTestId('template-editor')
    await editor.getByLabel('邮件主题').fill('{{name}}，诚邀您参加 2027 智能制造峰会')
    await editor.getByLabel('发件人名称').fill('Kith 市场部')
    const body = editor.getByLabel('邮件正文（HTML）')
    await body.fill('<p>{{name}} 您好：</p><p>诚邀 {{company}} 的同事参加峰会，电话 {{phone}}。</p>')
    await page.getByRole('button', { name: cjk('保存邮件') }).click()
    await editor.getByText('未知的合并字段 {{phone}}', { exact: false }).waitFor()

    await body.fill('<p>{{name}} 您好：</p><p>诚邀 {{company}} 的同事参加峰会。<a href="https://kith.example/summit">立即报名</a></p><p><a href="')
    await body.press('End')
    await editor.getByTestId('merge-unsubscribeUrl').click()
    await body.press('End')
    await body.pressSequentially('">退订</a></p>')
    expect(await body.inputValue()).toContain('<a href="{{unsubscribeUrl}}">退订</a>')
    await page.getByRole('button', { name: cjk('保存邮件') }).click()
    await page.getByText('邮件已保存。').waitFor()
  })

  it('previews the message per recipient and sends a test', async () => {
    const preview = page.getByTestId('email-preview')
    const frame = preview.getByTestId('preview-frame')
    // The server renders the saved template for the chosen member.
    await expect.poll(async () => (await frame.getAttribute('srcdoc')) ?? '', { timeout: 15_000 }).toContain('您好')
    await page.evaluate(() => window.scrollTo(0, 0))
    await preview.locator('.ant-select-selector').click()
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '王磊' }).click()
    await expect.poll(async () => (await frame.getAttribute('srcdoc')) ?? '').toContain('王磊 您好')
    expect(await frame.getAttribute('srcdoc')).toContain('上海精工机械有限公司')
    await expect.poll(() => preview.getByTestId('preview-subject').textContent()).toBe('王磊，诚邀您参加 2027 智能制造峰会')
    expect(await frame.getAttribute('sandbox')).toBe('')
    await page.setViewportSize({ width: 1440, height: 1180 })
    await page.evaluate(() => window.scrollTo(0, 0))
    await previewShot('campaign-editor-zh')
    await page.setViewportSize({ width: 1440, height: 900 })

    const panel = page.getByTestId('send-panel')
    await panel.getByLabel('测试邮箱').fill(TEST_TO)
    await panel.getByRole('button', { name: cjk('发送测试') }).click()
    await page.getByText(`测试邮件已发送至 ${TEST_TO}。`).waitFor()
    const [test] = await smtp.waitFor(1)
    expect(test!.envelopeTo).toEqual([TEST_TO])
    expect(test!.subject).toContain('王磊')
    expect(test!.html).toContain('上海精工机械有限公司')
  })

  it('sends to the segment after confirming the count, shows progress, and every recipient gets one message', async () => {
    const panel = page.getByTestId('send-panel')
    await expect.poll(() => panel.getByTestId('send-audience').textContent()).toContain(`${EXPECTED.length} 个邮箱地址`)
    await panel.getByRole('button', { name: cjk('立即发送') }).click()
    const confirm = page.getByRole('dialog').filter({ hasText: '立即发送此活动？' })
    await confirm.waitFor()
    expect(await confirm.getByTestId('send-confirm').textContent()).toContain(`将发送给 ${EXPECTED.length} 个邮箱地址`)
    await confirm.getByRole('button', { name: `发送给 ${EXPECTED.length} 人` }).click()
    await page.getByText('已开始发送。').waitFor()

    await panel.getByTestId('send-progress').waitFor({ timeout: 30_000 })
    await expect.poll(() => page.getByTestId('send-status').getAttribute('data-status'), { timeout: 60_000, interval: 500 }).toBe('sent')
    await expect.poll(() => panel.getByTestId('send-progress').getAttribute('data-done'), { timeout: 10_000 }).toBe(String(EXPECTED.length))

    const all = await smtp.waitFor(1 + EXPECTED.length, 30_000)
    const campaignMail = all.filter((m) => !m.envelopeTo.includes(TEST_TO))
    expect(campaignMail.map((m) => m.envelopeTo[0]).sort()).toEqual(EXPECTED)
    for (const m of campaignMail) {
      expect(m.rawHeaders.get('list-unsubscribe')).toMatch(/^<http/)
      expect(m.rawHeaders.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click')
    }
    const wang = campaignMail.find((m) => m.envelopeTo[0] === 'wang.lei@jinggong.cn')!
    expect(wang.subject).toBe('王磊，诚邀您参加 2027 智能制造峰会')
  })

  it('shows the stats of the send', async () => {
    await page.getByTestId('send-panel').getByRole('button', { name: '查看效果分析 →' }).click()
    const stats = page.getByTestId('campaign-stats')
    await expect.poll(() => stats.getByTestId('stat-sent').textContent()).toBe(String(EXPECTED.length))
    expect(await stats.getByTestId('stat-recipients').textContent()).toBe(String(EXPECTED.length))
    expect(await stats.getByTestId('stat-delivered').textContent()).toBe(String(EXPECTED.length))
    expect(await stats.getByTestId('stat-cost').textContent()).toBe('¥12,500.50')
    await stats.getByTestId('stats-funnel').locator('canvas').waitFor()
    await page.setViewportSize({ width: 1440, height: 1100 })
    await screenshot(page, 'campaign-stats-zh')
    await page.setViewportSize({ width: 1440, height: 900 })
  })

  it('in English: the editor of a new draft with its preview, and the comparison table', async () => {
    await switchToEnglish(page)
    await page.getByRole('tab', { name: 'E-mail' }).click()
    await page.getByText('This campaign has been sent (or is scheduled)', { exact: false }).waitFor()

    const draft = await apiCall<{ id: string }>(page, 'POST', '/campaigns', {
      name: 'Spring webinar follow-up',
      type: 'email',
      mailingListId: listId,
      actualCost: '800',
      currency: 'USD',
      emailSubject: 'Hi {{firstName}}, the webinar recording is ready',
      fromName: 'Kith Marketing',
      emailBody: '<h2>Thanks for joining, {{firstName}}!</h2><p>Here is the recording for the {{company}} team: <a href="https://kith.example/webinar">watch now</a>.</p>',
    })
    await page.goto(`/campaigns/${draft.id}`)
    const preview = page.getByTestId('email-preview')
    await chooseOption(page, preview, 'Shanghai Precision Parts')
    await expect.poll(() => preview.getByTestId('preview-subject').textContent()).toBe('Hi Shanghai, the webinar recording is ready')
    // An edit shows at once in the preview, marked as an unsaved draft, and blocks sending until saved.
    await page.getByTestId('template-editor').getByLabel('Subject').fill('{{name}}: your webinar recording')
    await preview.getByText('Unsaved draft').waitFor()
    await expect.poll(() => preview.getByTestId('preview-subject').textContent()).toBe('Shanghai Precision Parts Co.: your webinar recording')
    await page.getByTestId('send-panel').getByText('Save the e-mail before sending.').waitFor()
    await page.setViewportSize({ width: 1440, height: 1180 })
    await page.evaluate(() => window.scrollTo(0, 0))
    await previewShot('campaign-editor-en')
    await page.setViewportSize({ width: 1440, height: 900 })
    await page.getByRole('button', { name: 'Save e-mail' }).click()
    await page.getByText('E-mail saved.').waitFor()

    await page.getByRole('menuitem', { name: 'Campaigns' }).click()
    await page.waitForURL(/\/campaigns$/)
    await page.getByRole('tab', { name: 'Compare results' }).click()
    const table = page.getByTestId('campaign-comparison')
    const row = table.locator('tr').filter({ hasText: CAMPAIGN })
    await row.waitFor()
    expect(await row.textContent()).toContain('CN¥0.00') // won revenue: no deal won yet
    expect(await table.locator('tr').filter({ hasText: 'Spring webinar follow-up' }).textContent()).toContain('$0.00')
    await screenshot(page, 'campaigns-compare-en')
  })

  it('keeps a static list by hand: add people through the search picker, remove one', async () => {
    await page.getByRole('menuitem', { name: 'Mailing lists' }).click()
    await page.waitForURL(/\/mailing-lists$/)
    await page.getByRole('button', { name: 'New list' }).first().click()
    await page.getByLabel('Name').fill('VIP 客户')
    await page.locator('label.ant-radio-button-wrapper').filter({ hasText: 'Static' }).click()
    await page.getByRole('button', { name: 'Save' }).click()
    await page.waitForURL(/\/mailing-lists\/[0-9a-f-]{36}$/)
    const members = page.getByTestId('list-members')
    await members.getByText('No members yet', { exact: false }).waitFor()

    await members.getByRole('button', { name: 'Add members' }).first().click()
    const dialog = page.getByRole('dialog').filter({ hasText: 'Add members' })
    const picker = dialog.getByRole('combobox', { name: 'Search and pick…' })
    await dialog.getByText('Customers', { exact: true }).click()
    for (const name of ['沪东重工', '北京制造']) {
      await picker.fill(name)
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: name }).click()
    }
    await dialog.getByRole('button', { name: 'Add 2' }).click()
    await page.getByText('2 members added.').waitFor()
    await members.getByRole('link', { name: '沪东重工集团' }).waitFor()
    await members.getByRole('link', { name: '北京制造科技' }).waitFor()
    await expect.poll(() => page.getByTestId('mailing-list-count').textContent()).toContain('2 members')

    await members.getByRole('button', { name: 'Remove 北京制造科技' }).click()
    await page.getByRole('dialog').filter({ hasText: 'Remove 北京制造科技 from this list?' }).getByRole('button', { name: 'Remove' }).click()
    await members.getByRole('link', { name: '北京制造科技' }).waitFor({ state: 'detached' })
    await expect.poll(() => page.getByTestId('mailing-list-count').textContent()).toContain('1 member ')
  })
})
