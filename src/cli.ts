import './heap-growth'
import { Command, InvalidArgumentError } from 'commander'
import { randomBytes } from 'node:crypto'
import { loadConfig } from './config'
import { openDatabase } from './db/database'
import { DataDirError } from './db/data-dir-lock'
import { migrateDown, migrateToLatest } from './db/migrate'
import { createServices } from './services'
import { ROLES, type Role } from './server/context'
import { userCreateSchema } from './modules/users/users.schema'
import { AppError } from './server/errors'
import { seedDemo } from './seed/demo'
import { seedBulk } from './seed/bulk'
import { KeyringError } from './modules/encryption/keyring'
import { auditCommands } from './modules/audit/audit.cli'

const positiveInt = (v: string) => {
  const n = Number(v.replaceAll('_', ''))
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number')
  return n
}

/** Named to a server or another command that finds the embedded data directory taken: `kith user create`. */
const purpose = `kith ${process.argv.slice(2).filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}`

const open = (config: ReturnType<typeof loadConfig>) => openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose })

async function withDatabase<T>(fn: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const database = await open(loadConfig())
  try {
    await migrateToLatest(database.db)
    return await fn(database)
  } finally {
    await database.close()
  }
}

const program = new Command('kith').description('Kith CRM').showHelpAfterError()

program.command('start').description('start the server (same as npm start)').action(async () => {
  await import('./main')
})

program
  .command('migrate')
  .description('bring the database schema up to date (also done at every start)')
  .option('--down', 'undo the newest migration')
  .action(async (opts: { down?: boolean }) => {
    const database = await open(loadConfig())
    const steps = opts.down ? await migrateDown(database.db) : await migrateToLatest(database.db)
    console.log(steps.length ? steps.join('\n') : 'Already up to date.')
    await database.close()
  })

const user = program.command('user').description('manage users')
user
  .command('create')
  .description('create a user (prints a generated password unless --password is given)')
  .requiredOption('--email <email>')
  .option('--name <name>')
  .option('--role <role>', `one of ${ROLES.join(', ')}`, 'admin')
  .option('--password <password>', 'at least 10 characters; prefer KITH_USER_PASSWORD to keep it out of shell history')
  .action(async (opts: { email: string; name?: string; role: Role; password?: string }) => {
    const generated = (opts.password ?? process.env.KITH_USER_PASSWORD) ? undefined : randomBytes(12).toString('base64url')
    const parsed = userCreateSchema.safeParse({
      email: opts.email,
      name: opts.name ?? opts.email.split('@')[0],
      role: opts.role,
      password: opts.password ?? process.env.KITH_USER_PASSWORD ?? generated,
    })
    if (!parsed.success) {
      console.error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'))
      process.exit(1)
    }
    await withDatabase(async ({ db }) => {
      // The password policy (common passwords, the admin's minimum length) is the service's: say why, not a stack.
      const created = await createServices(db, loadConfig()).users.create(null, parsed.data).catch((err: unknown) => {
        if (!(err instanceof AppError) || err.status >= 500) throw err
        console.error(err.extra.errors?.map((e) => `${e.path}: ${e.message}`).join('\n') || err.message)
        process.exit(1)
      })
      console.log(`Created ${created.role} ${created.email}`)
      if (generated) console.log(`Password: ${generated}  (change it after signing in)`)
    })
  })

program
  .command('seed')
  .description('add sample data: --demo (a small bilingual demo) and/or --customers N --contacts M --opportunities O --activities A (a large generated set)')
  .option('--demo', 'teams, users of each role, ~60 customers, ~150 contacts, leads, deals and activities, through the services')
  .option('--customers <n>', 'generated customers to add (underscores allowed: 1_000_000)', positiveInt)
  .option('--contacts <m>', 'generated contacts to add, attached to existing customers', positiveInt)
  .option('--opportunities <n>', 'generated deals to add over existing customers', positiveInt)
  .option('--activities <m>', 'generated activities to add over existing customers (a few get very many)', positiveInt)
  .action(async (opts: { demo?: boolean; customers?: number; contacts?: number; opportunities?: number; activities?: number }) => {
    if (!opts.demo && [opts.customers, opts.contacts, opts.opportunities, opts.activities].every((n) => n === undefined)) {
      console.error('Say what to seed: --demo, or --customers <n> [--contacts <m>] [--opportunities <n>] [--activities <m>]')
      process.exit(1)
    }
    await withDatabase(async (database) => {
      if (opts.demo) console.log(await seedDemo(database, { defaultRegion: loadConfig().defaultRegion }))
      if (opts.customers || opts.contacts || opts.opportunities || opts.activities) {
        console.log(await seedBulk(database, {
          customers: opts.customers ?? 0, contacts: opts.contacts ?? 0, opportunities: opts.opportunities ?? 0, activities: opts.activities ?? 0,
          log: (line) => console.log(line),
        }))
      }
    }).catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err)
      process.exit(1)
    })
  })

program
  .command('export <entity>')
  .description('write customers, contacts, leads or opportunities as CSV or XLSX to stdout: kith export customers --format xlsx > out.xlsx')
  .option('--format <format>', 'csv (UTF-8 with BOM) or xlsx', 'csv')
  .option('--filter <key=value>', "a list filter, repeatable: --filter status=active --filter q=北京", (v: string, all: string[]) => [...all, v], [] as string[])
  .option('--columns <keys>', 'comma-separated column keys, in order (default all)')
  .option('--lang <lang>', 'header language: zh-CN or en', 'zh-CN')
  .option('--tz <zone>', 'IANA time zone for timestamps (default this machine\'s)')
  .option('--as <email>', "export what this user may see (default everything)")
  .action(async (entity: string, opts: import('./modules/exports/exports.cli').CliExportOptions) => {
    if (process.stdout.isTTY && opts.format === 'xlsx') {
      console.error('Refusing to write a binary file to the terminal: redirect it, e.g. > out.xlsx')
      process.exit(1)
    }
    const { runCliExport } = await import('./modules/exports/exports.cli')
    await withDatabase((database) => runCliExport(createServices(database.db, loadConfig()), database.db, entity, opts, process.stdout, process.stderr))
      .catch((err: unknown) => {
        console.error(err instanceof Error ? err.message : err)
        process.exit(1)
      })
  })

program
  .command('import <entity> <file>')
  .description('import customers, contacts, leads, opportunities, products or mailing-list-members from CSV/XLSX: kith import customers file.csv --mapping auto --dedupe email')
  .option('--mapping <auto|file.json>', 'auto (proposed from the headers and data) or a JSON file {"column": "field"}', 'auto')
  .option('--dedupe <key>', 'email, phone, name or (products) sku: match existing records (with --mode)')
  .option('--mode <mode>', 'create, upsert or skip-duplicates (default skip-duplicates with --dedupe, else create)')
  .option('--dry-run', 'validate and count only; write nothing')
  .option('--skip-invalid', 'import the valid rows even when some are invalid')
  .option('--create-missing', 'create customers named by contacts/deals that do not exist (mailing-list-members: unknown e-mails as leads)')
  .option('--list <id|name>', 'mailing-list-members: the static mailing list, by id or exact name')
  .option('--sheet <name>', 'xlsx: the sheet to read (default the first)')
  .option('--month-first', 'read 05/01/2026 as May 1 (default: day first)')
  .option('--time-zone <zone>', "IANA zone a deal's close or created date is midnight in, e.g. America/New_York (default the company's)")
  .option('--region <country>', 'ISO country code of phone numbers written without +country, e.g. US (default KITH_DEFAULT_REGION; a mapped country column decides per row)')
  .option('--drop-invalid-phone', 'import a row whose phone is invalid without the phone (listed as a warning) instead of rejecting it')
  .option('--as <email>', 'import as this user (default the first admin)')
  .action(async (entity: string, file: string, opts: import('./modules/imports/imports.cli').CliImportOptions) => {
    const { runCliImport } = await import('./modules/imports/imports.cli')
    const code = await withDatabase((database) =>
      runCliImport(createServices(database.db, loadConfig()), database.db, loadConfig().defaultRegion, entity, file, opts, process.stdout, process.stderr),
    ).catch((err: unknown) => {
      console.error(err instanceof Error ? err.message : err)
      return 1
    })
    process.exit(code)
  })

const keys = program.command('keys').description('field encryption keys (KITH_ENCRYPTION_KEY)')
keys
  .command('rotate')
  .description('make a new data key and re-seal every encrypted value under it, in batches, while the server runs (re-run to resume)')
  .option('--batch <n>', 'rows per batch', positiveInt, 1000)
  .action(async (opts: { batch: number }) => {
    const { runKeysRotate } = await import('./modules/encryption/encryption.cli')
    await withDatabase(({ db }) => runKeysRotate(db, createServices(db, loadConfig()).encryption, opts, process.stdout))
  })
keys
  .command('status')
  .description('the master key fingerprint, data keys, encrypted fields and the last re-seal pass')
  .action(async () => {
    const { runKeysStatus } = await import('./modules/encryption/encryption.cli')
    await withDatabase(({ db }) => runKeysStatus(db, createServices(db, loadConfig()).encryption, process.stdout))
  })

/** Opened without migrating: a backup must not change its source, and a restore migrates to the backup's schema itself. */
async function withOpenDatabase(fn: (database: Awaited<ReturnType<typeof openDatabase>>) => Promise<void>): Promise<void> {
  const database = await open(loadConfig())
  let failure: unknown
  await fn(database).catch((err: unknown) => (failure = err))
  await database.close()
  if (failure !== undefined) {
    console.error(failure instanceof Error ? failure.message : failure)
    process.exit(1)
  }
}

program
  .command('backup')
  .description('write every table to one file (gzip; --encrypt: AES-256-GCM) that `kith restore` loads into either engine')
  .requiredOption('--out <file>', 'where to write the backup')
  .option('--encrypt', 'encrypt with the passphrase in KITH_BACKUP_PASSPHRASE (or --key-file)')
  .option('--key-file <file>', 'encrypt with the key (passphrase) held in this file')
  .action(async (opts: { out: string; encrypt?: boolean; keyFile?: string }) => {
    const { runCliBackup } = await import('./modules/backups/backups.cli')
    await withOpenDatabase((database) => runCliBackup(database, opts.out, opts, console.log))
  })

program
  .command('restore <file>')
  .description('check a backup file whole, then load it into this database (DATABASE_URL, or the embedded one) in one transaction')
  .option('--force', 'replace a database that already has users or customers')
  .option('--check', 'only check the file (authentication, checksums, counts); change nothing')
  .option('--key-file <file>', 'the key file an encrypted backup was made with (else KITH_BACKUP_PASSPHRASE)')
  .action(async (file: string, opts: { force?: boolean; check?: boolean; keyFile?: string }) => {
    const { runCliRestore } = await import('./modules/backups/backups.cli')
    await withOpenDatabase((database) => runCliRestore(database, file, opts, console.log))
  })

auditCommands(program, { withDatabase, services: (database) => createServices(database.db, loadConfig()), secret: process.env.KITH_SECRET || undefined })

await program.parseAsync(process.argv).catch((err: unknown) => {
  // A taken or damaged data directory is the user's situation to resolve, not a crash: the message alone.
  if (err instanceof DataDirError || err instanceof KeyringError) {
    console.error(err.message)
    process.exit(1)
  }
  throw err
})
