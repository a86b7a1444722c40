import { readFile } from 'node:fs/promises'
import type { Database } from '../../db/database'
import { createBackup } from './backup.create'
import { restoreBackup, verifyBackup } from './backup.restore'
import type { Secret } from './backup.file'

export interface SecretOptions {
  encrypt?: boolean
  keyFile?: string
}

/** The passphrase from --key-file or KITH_BACKUP_PASSPHRASE, never from the command line (shell history, ps). */
export async function secretFrom(opts: SecretOptions, env = process.env): Promise<Secret | undefined> {
  if (opts.keyFile) {
    const passphrase = (await readFile(opts.keyFile, 'utf8')).trim()
    if (passphrase.length < 16) throw new Error(`The key file ${opts.keyFile} holds fewer than 16 characters: use a long random key (e.g. openssl rand -base64 32 > ${opts.keyFile}).`)
    return { passphrase }
  }
  const passphrase = env.KITH_BACKUP_PASSPHRASE
  if (passphrase !== undefined && passphrase.length < 12) throw new Error('KITH_BACKUP_PASSPHRASE is shorter than 12 characters: use a longer passphrase.')
  if (opts.encrypt && !passphrase) throw new Error('--encrypt needs a passphrase in KITH_BACKUP_PASSPHRASE or a key file given with --key-file.')
  return passphrase ? { passphrase } : undefined
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

export async function runCliBackup(database: Database, out: string, opts: SecretOptions, print: (line: string) => void): Promise<void> {
  const secret = opts.encrypt || opts.keyFile ? await secretFrom({ ...opts, encrypt: true }) : undefined
  const started = Date.now()
  const { manifest, bytes } = await createBackup(database, out, secret)
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0)
  print(`Backed up ${rows} rows of ${manifest.tables.length} tables (schema ${manifest.migration}) to ${out}: ${mb(bytes)}${secret ? ', encrypted' : ''}, ${((Date.now() - started) / 1000).toFixed(1)} s.`)
}

export async function runCliRestore(database: Database, file: string, opts: SecretOptions & { force?: boolean; check?: boolean }, print: (line: string) => void): Promise<void> {
  const secret = await secretFrom(opts)
  const started = Date.now()
  if (opts.check) {
    const m = await verifyBackup(file, secret)
    print(`The backup is whole: ${m.tables.reduce((n, t) => n + t.rows, 0)} rows of ${m.tables.length} tables, schema ${m.migration}, made ${m.createdAt} on ${m.source}.`)
    return
  }
  const { manifest, migratedAfter } = await restoreBackup(database, file, { secret, force: opts.force, log: print })
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0)
  print(`Restored ${rows} rows of ${manifest.tables.length} tables from ${file} (made ${manifest.createdAt} on ${manifest.source}) in ${((Date.now() - started) / 1000).toFixed(1)} s.`)
  if (migratedAfter.length) print(`Then brought the schema up to date:\n${migratedAfter.join('\n')}`)
}
