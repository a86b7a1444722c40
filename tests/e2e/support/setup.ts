import type { Page } from 'playwright-core'

/** Creates the first admin through the set-up page (in Chinese) and waits for the app behind it. */
export async function createFirstAdmin(page: Page, admin: { name: string; email: string; password: string }): Promise<void> {
  await page.goto('/setup')
  await page.getByLabel('您的姓名').fill(admin.name)
  await page.getByLabel('电子邮箱').fill(admin.email)
  await page.getByLabel('密码', { exact: true }).fill(admin.password)
  await page.getByLabel('确认密码').fill(admin.password)
  await page.getByRole('button', { name: '创建管理员' }).click()
  await page.waitForURL(/\/customers$/)
}
