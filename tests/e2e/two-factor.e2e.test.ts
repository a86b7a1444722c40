/**
 * Two-factor sign-in in a real browser, in Chinese and in English: set it up on the profile page by
 * the QR's key (a real TOTP computed here from it), keep the recovery codes, sign out, sign in with
 * a code, then with a recovery code.
 */
import type { Browser, Page } from 'playwright-core'
import { Secret, TOTP } from 'otpauth'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cjk, launchBrowser, screenshot } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '王管理', email: 'admin@kith.test', password: 'kith-e2e-password-1' }
const BOB = { name: 'Bob Jones', email: 'bob@kith.test', password: 'a quiet river at dusk' }
const ALICE = { name: 'Alice Smith', email: 'alice@kith.test', password: 'seven lanterns on the lake' }

let server: KithServer
let browser: Browser

const codeFor = (secret: string, offsetSeconds: number) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offsetSeconds * 1000 })

beforeAll(async () => {
  ensureWebBuilt()
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

interface Texts {
  lang: 'zh' | 'en'
  email: string
  password: string
  signIn: string
  signOut: string
  setUp: string
  turnOn: string
  saved: string
  twoStep: string
  verify: string
  useRecovery: string
  codesLeft: RegExp
}

const zh: Texts = { lang: 'zh', email: '电子邮箱', password: '密码', signIn: '登录', signOut: '退出登录', setUp: '立即设置', turnOn: '开启', saved: '我已保存', twoStep: '两步登录', verify: '验证', useRecovery: '改用恢复码', codesLeft: /剩余 9 个恢复码/ }
const en: Texts = { lang: 'en', email: 'E-mail', password: 'Password', signIn: 'Sign in', signOut: 'Sign out', setUp: 'Set up', turnOn: 'Turn on', saved: 'I have saved them', twoStep: 'Two-step sign-in', verify: 'Verify', useRecovery: 'Use a recovery code instead', codesLeft: /9 recovery codes left/ }

/** antd puts a space between two Chinese characters of a button: match either way. */
const button = (page: Page, x: Texts, name: string) => page.getByRole('button', x.lang === 'zh' ? { name: cjk(name) } : { name, exact: true })

async function signIn(page: Page, x: Texts, who: { email: string; password: string }) {
  await page.goto('/login')
  await page.getByLabel(x.email).fill(who.email)
  await page.getByLabel(x.password, { exact: true }).fill(who.password)
  await button(page, x, x.signIn).click()
}

async function signOut(page: Page, x: Texts) {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: x.signOut }).click()
  await page.waitForURL(/\/login/)
}

/** The whole flow for one user in one language; returns nothing, asserts as it goes. */
async function flow(page: Page, x: Texts, who: { email: string; password: string }) {
  await page.goto('/settings/profile')
  await button(page, x, x.setUp).click()
  await page.getByTestId('two-factor-qr').waitFor()
  const secret = (await page.getByTestId('two-factor-secret').locator('code').textContent())!.trim()
  expect(secret).toMatch(/^[A-Z2-7]{32}$/)
  await page.getByPlaceholder('123456').fill(codeFor(secret, 0))
  await screenshot(page, `two-factor-enrol-${x.lang}`)
  await button(page, x, x.turnOn).click()
  const list = page.getByTestId('recovery-codes')
  await list.waitFor()
  const codes = await list.locator('li').allTextContents()
  expect(codes).toHaveLength(10)
  await screenshot(page, `two-factor-recovery-codes-${x.lang}`)
  await button(page, x, x.saved).click()

  await signOut(page, x)
  await signIn(page, x, who)
  await page.getByText(x.twoStep).waitFor()
  expect(page.url()).toMatch(/\/login/)
  // The next step's code: the enrolment used this one, and a replay is refused.
  await page.getByPlaceholder('123456').fill(codeFor(secret, 30))
  await screenshot(page, `two-factor-sign-in-${x.lang}`)
  await button(page, x, x.verify).click()
  await page.getByTestId('user-menu').waitFor()

  await signOut(page, x)
  await signIn(page, x, who)
  await button(page, x, x.useRecovery).click()
  await page.getByPlaceholder('xxxx-xxxx-xxxx-xxxx').fill(codes[0]!)
  await button(page, x, x.verify).click()
  await page.getByTestId('user-menu').waitFor()
  await page.goto('/settings/profile')
  await page.getByText(x.codesLeft).waitFor()
  await screenshot(page, `two-factor-profile-${x.lang}`)
}

describe('two-factor sign-in in the browser', () => {
  it('zh-CN: set up, sign in with a code, then with a recovery code', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    const setup = await page.request.post('/api/v1/setup', { data: { ...ADMIN, locale: 'zh-CN' } })
    expect(setup.status()).toBe(200)
    const { csrfToken } = (await setup.json()) as { csrfToken: string }
    const created = await page.request.post('/api/v1/users', { data: { ...ALICE, role: 'sales', locale: 'en' }, headers: { 'X-CSRF-Token': csrfToken } })
    expect(created.status()).toBe(201)
    await flow(page, zh, ADMIN)
    // The admin's policy page: minimum length and the roles that must use 2FA.
    await page.goto('/settings/security')
    await page.getByLabel('密码最短长度').waitFor()
    await page.getByRole('checkbox', { name: '销售' }).waitFor()
    await screenshot(page, 'security-policy-zh')
    // Managers must use 2FA from now on: saved through the page.
    // Clicked, then polled: antd's group re-renders the box after the click's own check of its state.
    await page.getByRole('checkbox', { name: '经理' }).click()
    await expect.poll(() => page.getByRole('checkbox', { name: '经理' }).isChecked()).toBe(true)
    await button(page, zh, '保存').click()
    await page.getByText('安全策略已保存').waitFor()
    const me = (await (await page.request.get('/api/v1/auth/me')).json()) as { csrfToken: string }
    const bob = await page.request.post('/api/v1/users', { data: { ...BOB, role: 'manager', locale: 'en' }, headers: { 'X-CSRF-Token': me.csrfToken } })
    expect(bob.status()).toBe(201)
    await context.close()
  })

  it('en: the same for a colleague who uses Kith in English', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US', viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    await signIn(page, en, ALICE)
    await page.getByTestId('user-menu').waitFor()
    await flow(page, en, ALICE)
    await context.close()
  })

  it('en: a manager, whose role now requires 2FA, is sent from the password straight to setting it up', async () => {
    const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'en-US', viewport: { width: 1280, height: 860 } })
    const page = await context.newPage()
    await signIn(page, en, BOB)
    await page.getByText('Your role requires a second factor').waitFor()
    await page.getByTestId('two-factor-qr').waitFor()
    expect((await page.request.get('/api/v1/auth/me')).status()).toBe(401)
    const secret = (await page.getByTestId('two-factor-secret').locator('code').textContent())!.trim()
    await page.getByPlaceholder('123456').fill(codeFor(secret, 0))
    await screenshot(page, 'two-factor-required-enrol-en')
    await button(page, en, 'Turn on').click()
    await page.getByTestId('recovery-codes').waitFor()
    await button(page, en, 'I have saved them').click()
    await page.getByTestId('user-menu').waitFor()
    expect((await page.request.get('/api/v1/auth/me')).status()).toBe(200)
    await context.close()
  })
})
