// `npm test`: type checks, the integration suite on PGlite and on PostgreSQL, then the browser
// tests against the built web app. Installs Chromium when the machine lacks it.
import { execSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'

/** Runs a command; with `quiet` its output is held back and printed whole when it ends, so two at once don't interleave. */
const run = (title, cmd, env = {}, quiet = false) =>
  new Promise((resolve, reject) => {
    console.log(`\n━━ ${title} ━━\n$ ${cmd}`)
    const started = Date.now()
    const child = spawn(cmd, { shell: true, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env: { ...process.env, ...env } })
    let output = ''
    child.stdout?.on('data', (d) => (output += d))
    child.stderr?.on('data', (d) => (output += d))
    child.on('exit', (code) => {
      if (output) process.stdout.write(`\n━━ ${title} (output) ━━\n${output}`)
      const seconds = Math.round((Date.now() - started) / 1000)
      if (code === 0) {
        console.log(`━━ ${title}: passed in ${seconds} s`)
        resolve()
      } else reject(new Error(`${title} failed (exit ${code}) after ${seconds} s`))
    })
  })

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
// Without a CJK font Chromium draws Chinese as empty boxes, which the screenshots would show.
const cjkFont = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'
const only = process.argv[2]
if ((!only || only === 'e2e') && (!existsSync(chromium) || !existsSync(cjkFont))) {
  console.log('Installing Debian\'s chromium and fonts-noto-cjk for the browser tests…')
  execSync('(apt-get update -qq || true) && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk', { stdio: 'inherit', shell: '/bin/bash' })
}

const want = (key) => !only || only === key
try {
  // The type check and the web build are single-threaded: side by side they take the time of one.
  await Promise.all([
    want('types') && run('Type check', 'npm run --silent typecheck', {}, true),
    want('e2e') && run('Web build', 'npm run --silent build:web', {}, true),
  ])
  if (want('pglite')) await run('Integration tests on PGlite', 'npx vitest run', { TEST_DB: 'pglite' })
  if (want('postgres')) await run('Integration tests on PostgreSQL', 'npx vitest run', { TEST_DB: 'postgres' })
  if (want('e2e')) await run('Browser tests (Chromium)', 'npx vitest run --config tests/e2e/vitest.config.ts')
} catch (err) {
  console.error(`\n${err.message}`)
  process.exit(1)
}
