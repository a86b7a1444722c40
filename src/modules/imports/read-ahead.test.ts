import { describe, expect, it } from 'vitest'
import { readAhead } from './read-ahead'

async function* numbers(n: number, log: string[], failAt?: number) {
  try {
    for (let i = 1; i <= n; i++) {
      if (i === failAt) throw new Error(`source failed at ${i}`)
      log.push(`read ${i}`)
      yield i
    }
  } finally {
    log.push('source closed')
  }
}

describe('readAhead', () => {
  it('starts on the next item before the caller has finished with the current one', async () => {
    const log: string[] = []
    const seen: number[] = []
    for await (const v of readAhead(numbers(3, log), async (i) => i * 10)) {
      await new Promise((r) => setTimeout(r, 5))
      log.push(`used ${v}`)
      seen.push(v)
    }
    expect(seen).toEqual([10, 20, 30])
    expect(log.indexOf('read 2')).toBeLessThan(log.indexOf('used 10'))
    expect(log.indexOf('read 3')).toBeLessThan(log.indexOf('used 20'))
    // Reading ahead found the end while the caller used the last item.
    expect(log.indexOf('source closed')).toBeLessThan(log.indexOf('used 30'))
  })

  it('passes on a failure of the source at the item where it happened', async () => {
    const seen: number[] = []
    await expect(async () => {
      for await (const v of readAhead(numbers(5, [], 3), async (i) => i)) seen.push(v)
    }).rejects.toThrow('source failed at 3')
    expect(seen).toEqual([1, 2])
  })

  it('closes the source when the caller stops early, and a failure ahead of it goes unreported', async () => {
    const log: string[] = []
    const work = async (i: number) => {
      if (i === 2) throw new Error('work failed ahead')
      return i
    }
    await expect(async () => {
      for await (const v of readAhead(numbers(5, log), work)) {
        expect(v).toBe(1)
        throw new Error('caller failed')
      }
    }).rejects.toThrow('caller failed')
    expect(log).toContain('source closed')
  })
})
