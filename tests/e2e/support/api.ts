import type { Page } from 'playwright-core'

/** Calls the Kith API with the page's session (cookie + CSRF token), as another tab of the same user would. */
export async function apiCall<T>(page: Page, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, data?: unknown): Promise<T> {
  const me = await page.request.get('/api/v1/auth/me')
  const { csrfToken } = (await me.json()) as { csrfToken: string }
  const res = await page.request.fetch(`/api/v1${path}`, { method, data, headers: { 'X-CSRF-Token': csrfToken } })
  if (!res.ok()) throw new Error(`${method} ${path} → ${res.status()}: ${await res.text()}`)
  return (await res.json()) as T
}
