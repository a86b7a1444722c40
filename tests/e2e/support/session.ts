import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import { launchBrowser } from './browser'
import { ensureWebBuilt, startServer, type KithServer } from './server'

export interface BrowserSession {
  server: KithServer
  browser: Browser
  context: BrowserContext
  page: Page
  close(): Promise<void>
}

/** A fresh server (its own data directory) and a browser page on it, 1440×900 in 中文 unless told otherwise. */
export async function openBrowserSession(contextOptions: BrowserContextOptions = {}, serverEnv: Record<string, string> = {}): Promise<BrowserSession> {
  ensureWebBuilt()
  const server = await startServer(serverEnv)
  const browser = await launchBrowser()
  const context = await browser.newContext({ baseURL: server.baseUrl, locale: 'zh-CN', viewport: { width: 1440, height: 900 }, ...contextOptions })
  const page = await context.newPage()
  return {
    server, browser, context, page,
    close: async () => {
      await browser.close()
      await server.stop()
    },
  }
}
