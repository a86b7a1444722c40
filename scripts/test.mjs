// `npm test`: type checks, the integration suite on PGlite and on PostgreSQL, then the browser
// tests against the built web app. Installs Chromium when the machine lacks it.
import { execSync } from 'node:child_process'
import { existsSync } from 'node:fs'

const run = (title, cmd, env = {}) => {
  console.log(`\n━━ ${title} ━━\n$ ${cmd}`)
  const started = Date.now()
  execSync(cmd, { stdio: 'inherit', env: { ...process.env, ...env } })
  console.log(`━━ ${title}: passed in ${Math.round((Date.now() - started) / 1000)} s`)
}

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// Without a CJK font Chromium draws Chinese as empty boxes, which the screenshots would show.
const cjkFont = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
if (!existsSync(chromium) || !existsSync(cjkFont)) {
  console.log('Installing Debian\'s chromium and fonts-noto-cjk for the browser tests…')
  execSync('(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk', { stdio: 'inherit', shell: '/bin/bash' })
}

const only = process.argv[2]
const steps = [
  ['types', 'Type check', 'npm run --silent typecheck', {}],
  ['pglite', 'Integration tests on PGlite', 'npx vitest run', { TEST_DB: 'pglite' }],
  ['postgres', 'Integration tests on PostgreSQL', 'npx vitest run', { TEST_DB: 'postgres' }],
  ['e2e', 'Browser tests (Chromium)', 'npm run --silent build:web && npx vitest run --config tests/e2e/vitest.config.ts', {}],
]
for (const [key, title, cmd, env] of steps) {
  if (!only || only === key) run(title, cmd, env)
}
