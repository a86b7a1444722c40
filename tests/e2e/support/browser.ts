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
 * Switches the app's language from the header menu and waits until the page has it. The menu
 * animates open: a click that lands before it is ready is lost, so the switch is tried again.
 */
export async function switchToEnglish(page: Page): Promise<void> {
  const english = page.getByRole('menuitem', { name: 'English' })
  for (let attempt = 1; ; attempt++) {
    if (!(await english.isVisible())) await page.getByTestId('language-switch').click()
    await english.click()
    try {
      await page.waitForFunction(() => document.documentElement.lang === 'en', undefined, { timeout: 5000 })
      return
    } catch (err) {
      if (attempt === 3) throw err
    }
  }
}

/**
 * Chooses an option of an antd Select and checks the Select shows it: a click that lands while the
 * dropdown is still animating open can miss (seen in a fresh-clone run), so it opens and clicks again.
 */
export async function chooseOption(page: Page, select: Locator, option: string): Promise<void> {
  const choice = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first()
  const shown = select.locator('.ant-select-selection-item').filter({ hasText: option })
  for (let attempt = 1; ; attempt++) {
    if (!(await choice.isVisible())) await select.locator('.ant-select-selector').click()
    await choice.click()
    try {
      await shown.waitFor({ timeout: 5000 })
      return
    } catch (err) {
      if (attempt === 3) throw err
    }
  }
}
