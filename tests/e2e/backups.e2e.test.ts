/**
 * The scheduled backup setting in a real browser, in Chinese and English: turned on with an hour,
 * a directory and retention, saved (and read back from the API), and the backups in that
 * directory listed with their size and time.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiCall } from './support/api'
import { firstRunAdmin, launchBrowser, screenshot, switchToEnglish } from './support/browser'
import { ensureWebBuilt, startServer, type KithServer } from './support/server'

const ADMIN = { name: '备份管理员', email: 'backups-admin@kith.test', password: 'kith-e2e-password-9' }
const FILE = 'kith-backup-20261207-180000.kbk'

let server: KithServer
let browser: Browser
let context: BrowserContext
let page: Page
let dir: string

beforeAll(async () => {
  ensureWebBuilt()
  dir = mkdtempSync(join(tmpdir(), 'kith-e2e-backups-'))
  // A backup already in the directory: 2.5 MB, made at 02:00 Shanghai time on 8 December.
  writeFileSync(join(dir, FILE), Buffer.alloc(2.5 * 1024 * 1024))
  const made = new Date('2026-12-07T18:00:00Z')
  utimesSync(join(dir, FILE), made, made)
  server = await startServer({ KITH_BACKUP_PASSPHRASE: 'e2e backup passphrase 2026' })
  browser = await launchBrowser()
  context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } })
  page = await context.newPage()
  page.setDefaultTimeout(45_000)
  page.on('pageerror', (e) => console.error('page error:', e.message))
  page.on('response', (r) => r.status() >= 500 && console.error('server error:', r.status(), r.url()))
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe('scheduled backups in the browser', () => {
  it('turns on the daily backup in Chinese and lists the backups in the directory', async () => {
    await firstRunAdmin(page, ADMIN)

    await page.goto('/settings/backups')
    await expect.poll(() => page.getByRole('heading', { name: '数据备份' }).count(), { timeout: 30_000 }).toBeGreaterThan(0)
    await expect.poll(() => page.getByText(/已用服务器的 KITH_BACKUP_PASSPHRASE 加密/).count()).toBe(1)
    await page.getByRole('switch', { name: '每日备份' }).click()
    await page.getByLabel('每天几点').fill('3')
    await page.getByLabel('保留最近').fill('5')
    await page.getByLabel('超过后删除').fill('30')
    await page.getByLabel('服务器上的目录').fill(dir)
    await page.getByRole('button', { name: /保\s?存/ }).click()
    await expect.poll(() => page.getByText('备份设置已保存。').count()).toBe(1)
    const saved = await apiCall<{ enabled: boolean; hour: number; keepCount: number; keepDays: number; directory: string; version: number }>(page, 'GET', '/settings/backups')
    expect(saved).toMatchObject({ enabled: true, hour: 3, keepCount: 5, keepDays: 30, directory: dir, version: 2 })

    const row = page.getByRole('row', { name: new RegExp(FILE) })
    await expect.poll(() => row.count()).toBe(1)
    await expect.poll(() => row.textContent()).toMatch(/2\.5 MB.*2026年12月8日 02:00/)
    await screenshot(page, 'backups-zh', true)
  })

  it('shows the same page in English', async () => {
    await switchToEnglish(page)
    await expect.poll(() => page.getByRole('heading', { name: 'Backups' }).count()).toBeGreaterThan(0)
    await expect.poll(() => page.getByRole('switch', { name: 'Daily backup' }).getAttribute('aria-checked')).toBe('true')
    await expect.poll(() => page.getByLabel('Hour of the day').inputValue()).toBe('3')
    await expect.poll(() => page.getByRole('columnheader', { name: 'Size' }).count()).toBe(1)
    await expect.poll(() => page.getByRole('row', { name: new RegExp(FILE) }).textContent()).toMatch(/2\.5 MB/)
    await screenshot(page, 'backups-en', true)
  })
})
