import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Locator, type Page } from 'playwright-core'
import { repoRoot } from './server'

export const screenshotDir = join(repoRoot, 'docs/screenshots')

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true })
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
}

/** Waits for toasts and animations to settle, then saves docs/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.evaluate(() => document.fonts.ready)
  await page.waitForLoadState('networkidle')
  await page.locator('.ant-message-notice').first().waitFor({ state: 'detached', timeout: 10_000 }) // toasts of earlier steps
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
  )
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage })
}

/**
 * A button's accessible name: antd puts a space between two CJK characters ("保 存"), and an
 * icon adds its own name in front ("edit 编辑"). Matches the label either way.
 */
export const cjk = (text: string) => new RegExp(`^(?:[a-z-]+ )?${[...text].map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s?')}$`)

/**
 * Opens a menu or dropdown when `target` is not showing, clicks it, and waits until `took` holds.
 * antd menus and dropdowns animate open: a click that lands before they are ready is lost (seen in
 * fresh-clone runs), so it is tried up to three times.
 */
async function clickUntilItTakes(target: Locator, open: () => Promise<void>, took: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (!(await target.isVisible())) await open()
    await target.click()
    try {
      await took()
      return
    } catch (err) {
      if (attempt === 3) throw err
    }
  }
}

/** Switches the app's language from the header menu and waits until the page has it. */
export async function switchToEnglish(page: Page): Promise<void> {
  await clickUntilItTakes(
    page.getByRole('menuitem', { name: 'English' }),
    () => page.getByTestId('language-switch').click(),
    () => page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 5000 }),
  )
}

/** Chooses an option of an antd Select and waits until the Select shows it. */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  await clickUntilItTakes(
    page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first(),
    () => select.locator('.ant-select-selector').click(),
    () => select.locator('.ant-select-selection-item').filter({ hasText: option }).waitFor({ timeout: 5000 }),
  )
}

/**
 * The first-run set-up page (in 中文): creates the admin, who lands signed in on the home page
 * (its getting-started checklist is first-run.e2e.test.ts's); the flows start from the customer list.
 */
export async function firstRunAdmin(page: Page, admin: { name: string; email: string; password: string }): Promise<void> {
  await page.goto('/')
  await page.waitForURL(/\/setup$/)
  await page.getByLabel('您的姓名').fill(admin.name)
  await page.getByLabel('电子邮箱').fill(admin.email)
  await page.getByLabel('密码', { exact: true }).fill(admin.password)
  await page.getByLabel('确认密码').fill(admin.password)
  await page.getByRole('button', { name: '创建管理员' }).click()
  await page.getByTestId('getting-started').waitFor()
  await page.goto('/customers')
}
