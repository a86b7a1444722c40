import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The web app's strings live in web/src/i18n and web/src/features/*/i18n; every key must exist in
// both languages. English plural forms (x_one, x_other) match a Chinese x or x_other.
const flat = (o: Record<string, unknown>, p = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? flat(v as Record<string, unknown>, `${p}${k}.`) : [`${p}${k}`]))
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '')
const dirs = ['web/src/i18n', ...readdirSync('web/src/features').map((f) => `web/src/features/${f}/i18n`).filter((d) => existsSync(d))]

describe('web strings in zh-CN and en', () => {
  it.each(dirs)('%s has the same keys in both languages', (dir) => {
    const read = (lng: string) => new Set(flat(JSON.parse(readFileSync(`${dir}/${lng}.json`, 'utf8'))).map(base))
    const en = read('en')
    const zh = read('zh-CN')
    expect([...en].filter((k) => !zh.has(k)), 'missing in zh-CN').toEqual([])
    expect([...zh].filter((k) => !en.has(k)), 'missing in en').toEqual([])
  })
})
