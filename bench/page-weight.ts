// Bytes on the wire for a cold load of the login page and of a report page, as Chromium fetches
// them (Accept-Encoding with br), summed from the browser's Resource Timing transferSize
// (headers + encoded body). Starts the built server (`npm start`'s build) with an empty database.
//   npx tsx bench/page-weight.ts              (or BENCH_URL=http://… for a running, empty Kith)
import { chromium, type BrowserContext } from 'playwright-core'
import { startServer } from '../tests/e2e/support/server'

const ADMIN = { email: 'bench@kith.test', name: 'Bench', password: 'Lantern-Quay-2026!' }

interface Weight {
  bytes: number
  requests: number
  js: number
  encodings: string[]
}

async function measure(context: BrowserContext, url: string, ready: string): Promise<Weight> {
  const page = await context.newPage()
  const encodings = new Set<string>()
  page.on('response', (r) => {
    if (r.url().includes('/assets/')) encodings.add(r.headers()['content-encoding'] ?? 'identity')
  })
  await page.goto(url)
  await page.locator(ready).first().waitFor({ timeout: 60_000 })
  await page.waitForLoadState('networkidle')
  const entries = await page.evaluate(() =>
    [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((e) => ({
      name: e.name,
      size: (e as PerformanceResourceTiming).transferSize,
    })),
  )
  await page.close()
  return {
    bytes: entries.reduce((s, e) => s + e.size, 0),
    requests: entries.length,
    js: entries.filter((e) => e.name.endsWith('.js')).reduce((s, e) => s + e.size, 0),
    encodings: [...encodings],
  }
}

const server = process.env.BENCH_URL ? { baseUrl: process.env.BENCH_URL, stop: async () => {} } : await startServer()
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
try {
  const setup = await fetch(`${server.baseUrl}/api/v1/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...ADMIN, locale: 'zh-CN' }) })
  if (!setup.ok) throw new Error(`setup → ${setup.status} ${await setup.text()}`)
  const headers = { 'Accept-Encoding': 'gzip, deflate, br' }

  const anonymous = await browser.newContext({ baseURL: server.baseUrl, extraHTTPHeaders: headers })
  const login = await measure(anonymous, '/login', 'input[type=password]')
  await anonymous.close()

  const signedIn = await browser.newContext({ baseURL: server.baseUrl, extraHTTPHeaders: headers })
  const res = await signedIn.request.post('/api/v1/auth/login', { data: { email: ADMIN.email, password: ADMIN.password } })
  if (!res.ok()) throw new Error(`login → ${res.status()}`)
  // One open deal, so the report draws its chart (the charting code loads only then).
  const { csrfToken } = (await res.json()) as { csrfToken: string }
  const write = async (path: string, data: unknown) => {
    const r = await signedIn.request.post(`/api/v1${path}`, { data, headers: { 'X-CSRF-Token': csrfToken } })
    if (!r.ok()) throw new Error(`${path} → ${r.status()} ${await r.text()}`)
    return (await r.json()) as { id: string }
  }
  const customer = await write('/customers', { name: '杭州云帆网络科技有限公司', type: 'company' })
  await write('/opportunities', { name: '年度维保', customerId: customer.id, amount: '120000.00', currency: 'CNY' })
  const report = await measure(signedIn, '/reports/sales-funnel', 'canvas')
  await signedIn.close()

  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`
  console.log('| page | transferred | of which JS | requests | asset encodings |')
  console.log('| --- | --- | --- | --- | --- |')
  for (const [name, w] of [['login page (/login)', login], ['report page (/reports/sales-funnel)', report]] as const) {
    console.log(`| ${name} | ${kb(w.bytes)} | ${kb(w.js)} | ${w.requests} | ${w.encodings.join(', ')} |`)
  }
} finally {
  await browser.close()
  await server.stop()
}
