import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BUDGET, checkBudget, checkBuild, type Manifest } from '../../scripts/bundle-budget'
import { buildWebIfStale } from '../../scripts/build-if-stale.mjs'

// The web app's size budget (scripts/bundle-budget.ts): the first chunk every page loads ≤ 250 KB
// gzipped, no lazily loaded page over 400 KB more. `npm test` builds web/dist before this runs.

const manifest: Manifest = {
  'index.html': { file: 'assets/index.js', src: 'index.html', isEntry: true, imports: ['_react.js'] },
  '_react.js': { file: 'assets/react.js' },
  '_table.js': { file: 'assets/table.js', imports: ['_react.js'] },
  'src/Login.tsx': { file: 'assets/Login.js', src: 'src/Login.tsx', isDynamicEntry: true, imports: ['_react.js'] },
  'src/Report.tsx': { file: 'assets/Report.js', src: 'src/Report.tsx', isDynamicEntry: true, imports: ['_table.js'], css: ['assets/Report.css'] },
}
const kb = (n: number) => n * 1000

describe('bundle budget checker', () => {
  it('passes a build within budget and charges a page only for what the first chunk has not loaded', () => {
    const sizes: Record<string, number> = { 'assets/index.js': kb(150), 'assets/react.js': kb(90), 'assets/table.js': kb(200), 'assets/Login.js': kb(5), 'assets/Report.js': kb(100), 'assets/Report.css': kb(2) }
    const report = checkBudget(manifest, (f) => sizes[f]!)
    expect(report.failures).toEqual([])
    expect(report.entry).toMatchObject({ bytes: kb(240), over: false })
    expect(report.routes.find((r) => r.name === 'src/Login.tsx')).toMatchObject({ bytes: kb(5), files: ['assets/Login.js'] })
    expect(report.routes.find((r) => r.name === 'src/Report.tsx')).toMatchObject({ bytes: kb(302) })
  })

  it('fails an entry over 250 KB and a page over 400 KB', () => {
    const sizes: Record<string, number> = { 'assets/index.js': kb(170), 'assets/react.js': kb(90), 'assets/table.js': kb(350), 'assets/Login.js': kb(5), 'assets/Report.js': kb(60), 'assets/Report.css': kb(2) }
    const report = checkBudget(manifest, (f) => sizes[f]!)
    expect(report.failures.map((l) => l.name)).toEqual(['index.html', 'src/Report.tsx'])
    expect(report.entry).toMatchObject({ bytes: kb(260), limit: BUDGET.entryBytes, over: true })
  })
})

describe('the built web app', () => {
  it('stays within the budget', { timeout: 15 * 60_000 }, () => {
    buildWebIfStale()
    const dist = join(import.meta.dirname, '../../web/dist')
    expect(existsSync(join(dist, '.vite/manifest.json')), 'web/dist has its build manifest').toBe(true)
    const report = checkBuild(dist)
    expect(report.failures.map((l) => `${l.name}: ${l.bytes} > ${l.limit}`)).toEqual([])
    expect(report.routes.length).toBeGreaterThan(30)
  })
})
