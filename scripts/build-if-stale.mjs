// `npm start` and `npx kith` build what is missing or older than its sources, so a fresh clone
// needs no separate build step and later starts stay fast:
// - the web app (Vite) into web/dist;
// - the server and CLI (esbuild, dependencies left in node_modules) into dist/server. Production runs
//   plain JavaScript: tsx's loader thread and transform cost ~90 MB of RSS in every process.
// Messages go to stderr: `npx kith export … > out.xlsx` must get only the file on stdout.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { execSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = fileURLToPath(new URL('..', import.meta.url))
const at = (p) => join(root, p)

const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((max, e) => {
    const p = join(dir, e.name)
    return Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs)
  }, 0)
const stale = (built, sources) => !existsSync(built) || statSync(built).mtimeMs < Math.max(...sources)

export function buildWebIfStale() {
  // A deployment that ships only the built files has no sources to build from.
  if (!existsSync(at('web/src'))) return
  // The manifest is the build's last word (a build without it predates the bundle budget and
  // the pre-compressed files); the build plugins in scripts/ count as sources.
  const sources = ['web/index.html', 'web/vite.config.ts', 'scripts/precompress.ts', 'scripts/bundle-budget.ts'].map((p) => statSync(at(p)).mtimeMs)
  if (!stale(at('web/dist/.vite/manifest.json'), [newest(at('web/src')), ...sources])) return
  console.error('Building the web app…')
  execSync('npm run build:web', { cwd: root, stdio: ['ignore', process.stderr, 'inherit'] })
}

const serverEntries = { main: 'src/main.ts', cli: 'src/cli.ts' }

export async function buildServerIfStale() {
  if (!existsSync(at('src'))) return
  const sources = [newest(at('src')), statSync(at('package-lock.json')).mtimeMs, statSync(at('scripts/build-if-stale.mjs')).mtimeMs]
  if (!Object.keys(serverEntries).some((name) => stale(at(`dist/server/${name}.mjs`), sources))) return
  console.error('Building the server…')
  // Chunk names carry a hash: stale chunks of an older build would pile up.
  rmSync(at('dist/server'), { recursive: true, force: true })
  await build({
    absWorkingDir: root,
    entryPoints: serverEntries,
    outdir: 'dist/server',
    outExtension: { '.js': '.mjs' },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const what = process.argv.slice(2)
  if (what.length === 0 || what.includes('web')) buildWebIfStale()
  if (what.length === 0 || what.includes('server')) await buildServerIfStale()
}
