import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import type { Database } from '../../db/database'
import { resolveSecret } from '../../server/secret'
import type { Services } from '../../services'
import { exportAudit, verifyExportFile } from './audit.export'

type WithDatabase = <T>(fn: (database: Database) => Promise<T>) => Promise<T>

/** --before: a date (midnight UTC starts it) or an ISO date-time with its offset. */
const instant = (v: string) => {
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(v) ? `${v}T00:00:00Z` : v)
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(d.getTime())) throw new InvalidArgumentError('a date (2026-01-01) or ISO date-time')
  return d
}

export function auditCommands(program: Command, deps: { withDatabase: WithDatabase; services: (database: Database) => Services; secret: string | undefined }) {
  const audit = program.command('audit').description('the tamper-evident audit log: verify its hash chains, export old rows to a signed file')

  audit
    .command('verify')
    .description('walk every audit hash chain; prints the first broken or missing link of each, exits 1 if any')
    .option('--concurrency <n>', 'chains checked at once (PostgreSQL)', (v) => Number(v), 1)
    .action(async (opts: { concurrency: number }) => {
      const started = Date.now()
      const result = await deps.withDatabase((database) => deps.services(database).auditIntegrity.runNow({ concurrency: database.kind === 'postgres' ? opts.concurrency : 1 }))
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      if (result.ok) {
        console.log(`OK: ${result.rowsChecked} audit rows in ${result.chains} chains verified in ${seconds} s (redacted: ${result.redacted}, by privacy erasures).`)
        return
      }
      for (const p of result.problems) console.error(`BROKEN (${p.kind}): ${p.message}`)
      console.error(`${result.problems.length} chain(s) broken; ${result.rowsChecked} rows checked in ${seconds} s.`)
      process.exitCode = 1
    })

  audit
    .command('export')
    .description('write audit rows older than --before to a signed file (HMAC under KITH_SECRET); --remove then deletes them, keeping the chains verifiable')
    .requiredOption('--before <date>', 'rows written before this date or ISO date-time', instant)
    .requiredOption('--out <file>', 'the file to create (never overwritten)')
    .option('--remove', 'delete the exported rows from the database afterwards (retention)')
    .action(async (opts: { before: Date; out: string; remove?: boolean }) => {
      const result = await deps.withDatabase(async ({ db }) => exportAudit(db, { ...opts, secret: await resolveSecret(db, deps.secret) }))
      console.log(`Exported ${result.rows} audit rows from ${result.chains.length} chain(s) to ${opts.out} (sha256 ${result.digest}).`)
      if (opts.remove) console.log(`Removed ${result.removed} rows; each chain now starts from the anchor of its exported part.`)
    })

  audit
    .command('verify-file <file>')
    .description('check an export file: its signature and every link of its chains; exits 1 if either fails')
    .action(async (file: string) => {
      // With KITH_SECRET set, a file verifies without a database (on an auditor's machine).
      const secret = deps.secret ?? (await deps.withDatabase(({ db }) => resolveSecret(db, undefined)))
      const check = await verifyExportFile(file, secret)
      if (check.ok) console.log(`OK: ${file} is signed and its ${check.rows} rows chain unbroken (redacted: ${check.redacted}).`)
      else {
        console.error(`INVALID: ${check.problem}`)
        process.exitCode = 1
      }
    })
}
