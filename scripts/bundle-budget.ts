// The web app's size budget, checked on every build (the Vite plugin below) and by the test suite
// (src/test/bundle-budget.test.ts). Sizes are gzip -9 bytes, 1 KB = 1,000 bytes as Vite prints them.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

export const BUDGET = {
  /** What every page loads before anything else: index.html's script and its static imports. */
  entryBytes: 250_000,
  /** What one lazily loaded page (or component) adds: its chunk and the static imports the entry lacks. */
  routeBytes: 400_000,
}

/** The part of Vite's build manifest (dist/.vite/manifest.json) the budget reads. */
export interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  css?: string[]
}
export type Manifest = Record<string, ManifestChunk>

export interface BudgetLine {
  name: string
  files: string[]
  bytes: number
  limit: number
  over: boolean
}

export interface BudgetReport {
  entry: BudgetLine
  routes: BudgetLine[]
  failures: BudgetLine[]
}

/** The files a chunk needs before it runs: itself, its CSS and its static imports, transitively. */
function closure(manifest: Manifest, key: string, seen = new Set<string>()): Set<string> {
  const chunk = manifest[key]
  if (!chunk || seen.has(chunk.file)) return seen
  seen.add(chunk.file)
  for (const css of chunk.css ?? []) seen.add(css)
  for (const imported of chunk.imports ?? []) closure(manifest, imported, seen)
  return seen
}

/**
 * Checks a build against the budget. `sizeOf` gives a file's gzipped size in bytes. A route is
 * charged only for what the entry has not loaded already: that is what opening it costs.
 */
export function checkBudget(manifest: Manifest, sizeOf: (file: string) => number, budget = BUDGET): BudgetReport {
  const entries = Object.keys(manifest).filter((k) => manifest[k]!.isEntry)
  if (entries.length === 0) throw new Error('The build manifest has no entry chunk')
  const entryFiles = new Set<string>()
  for (const k of entries) closure(manifest, k, entryFiles)
  const line = (name: string, files: string[], limit: number): BudgetLine => {
    const bytes = files.reduce((sum, f) => sum + sizeOf(f), 0)
    return { name, files, bytes, limit, over: bytes > limit }
  }
  const entry = line(entries.map((k) => manifest[k]!.src ?? k).join(' + '), [...entryFiles], budget.entryBytes)
  const routes = Object.keys(manifest)
    .filter((k) => manifest[k]!.isDynamicEntry)
    .map((k) => line(manifest[k]!.src ?? k, [...closure(manifest, k)].filter((f) => !entryFiles.has(f)), budget.routeBytes))
    .sort((a, b) => b.bytes - a.bytes)
  return { entry, routes, failures: [entry, ...routes].filter((l) => l.over) }
}

const kb = (n: number) => `${(n / 1000).toFixed(1)} KB`

export function formatBudget(report: BudgetReport): string {
  const row = (l: BudgetLine) => `${l.over ? '✗' : '✓'} ${l.name}: ${kb(l.bytes)} of ${kb(l.limit)} gzipped`
  const shown = [report.entry, ...report.routes.slice(0, 5)]
  return [...shown, ...report.failures.filter((l) => !shown.includes(l))].map(row).join('\n')
}

/** Reads a built web app (web/dist) and checks it; the gzipped sizes are measured, not taken from the .gz copies. */
export function checkBuild(distDir: string, budget = BUDGET): BudgetReport {
  const manifest = JSON.parse(readFileSync(join(distDir, '.vite/manifest.json'), 'utf8')) as Manifest
  return checkBudget(manifest, (file) => gzipSync(readFileSync(join(distDir, file)), { level: 9 }).length, budget)
}

/** Fails the Vite build that goes over the budget. */
export function bundleBudget() {
  let outDir = ''
  return {
    name: 'kith-bundle-budget',
    apply: 'build' as const,
    configResolved(config: { build: { outDir: string } }) {
      outDir = config.build.outDir
    },
    closeBundle() {
      const report = checkBuild(outDir)
      console.log(`\nBundle budget:\n${formatBudget(report)}`)
      if (report.failures.length > 0) {
        throw new Error(`Over the bundle budget: ${report.failures.map((l) => `${l.name} ${kb(l.bytes)} > ${kb(l.limit)}`).join('; ')}`)
      }
    },
  }
}
