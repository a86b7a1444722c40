import type { Locator, Page } from 'playwright-core'

/**
 * Drags `source` onto `target` with real pointer movement: press, a small nudge past the
 * drag sensor's activation distance, then many small steps (dnd-kit follows pointermove), release.
 */
export async function dragTo(page: Page, source: Locator, target: Locator, opts: { targetY?: number } = {}): Promise<void> {
  await source.scrollIntoViewIfNeeded()
  const from = await source.boundingBox()
  const to = await target.boundingBox()
  if (!from || !to) throw new Error('drag source or target is not visible')
  const startX = from.x + from.width / 2
  const startY = from.y + Math.min(from.height / 2, 24)
  const endX = to.x + to.width / 2
  const endY = to.y + (opts.targetY ?? Math.min(to.height / 2, 160))
  await page.mouse.move(startX, startY)
  await page.mouse.down()
  await page.mouse.move(startX + 4, startY + 4, { steps: 2 })
  await page.mouse.move(startX + 12, startY + 12, { steps: 3 })
  await page.mouse.move(endX, endY, { steps: 25 })
  await page.mouse.move(endX + 2, endY + 2, { steps: 2 }) // settle over the target
  await page.mouse.up()
}
