import { createReadStream, createWriteStream, readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { stringify } from 'csv-stringify/sync'
import type { Db } from '../../db/database'
import type { RequestContext } from '../../server/context'
import type { Services } from '../../services'
import { AppError } from '../../server/errors'
import { runImport } from './imports.job'
import { IMPORT_ENTITIES, type ImportEntity, type ImportOptionsInput } from './imports.schema'
import { escapeFormula } from './prepare'

export interface CliImportOptions {
  mapping: string
  dedupe?: 'email' | 'phone' | 'name' | 'sku'
  mode?: 'create' | 'upsert' | 'skip-duplicates'
  dryRun?: boolean
  skipInvalid?: boolean
  createMissing?: boolean
  sheet?: string
  monthFirst?: boolean
  /** IANA zone of date-only timestamp cells; default the company's. */
  timeZone?: string
  /** Country of phone numbers without a country code; default KITH_DEFAULT_REGION. */
  region?: string
  /** Keep a row whose phone is invalid, without the phone. */
  dropInvalidPhone?: boolean
  as?: string
  /** mailing-list-members: the static list, by id or exact name. */
  list?: string
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** A list given by id is taken as it is (the import checks it); a name must name exactly one live list. */
async function listIdOf(services: Services, ctx: RequestContext, list: string): Promise<string> {
  const name = list.trim()
  if (UUID.test(name)) return name
  const named: string[] = []
  let cursor: string | undefined
  do {
    const page = await services.mailingLists.list(ctx, { q: name, limit: 200, cursor })
    named.push(...page.items.filter((l) => l.name === name).map((l) => l.id))
    cursor = page.nextCursor ?? undefined
  } while (cursor)
  if (named.length === 0) throw new Error(`No mailing list is named "${name}" (give its exact name or its id)`)
  if (named.length > 1) throw new Error(`${named.length} mailing lists are named "${name}": give the id of the one you mean`)
  return named[0]!
}

/**
 * `kith import <entity> <file>`: the same pipeline as the web wizard (stored upload, validation
 * pass, batched writes, journal for undo), worked in this process with a progress line.
 */
export async function runCliImport(services: Services, db: Db, defaultRegion: string, entity: string, file: string, opts: CliImportOptions, out: NodeJS.WriteStream, err: NodeJS.WriteStream): Promise<number> {
  if (!(IMPORT_ENTITIES as readonly string[]).includes(entity)) throw new Error(`entity must be one of ${IMPORT_ENTITIES.join(', ')}`)
  const user = opts.as
    ? await db.selectFrom('users').select(['id', 'role', 'teamId', 'active']).where((eb) => eb(eb.fn('lower', ['email']), '=', opts.as!.toLowerCase())).executeTakeFirst()
    : await db.selectFrom('users').select(['id', 'role', 'teamId', 'active']).where('role', '=', 'admin').where('active', '=', true).orderBy('createdAt').executeTakeFirst()
  if (!user || !user.active) throw new Error(opts.as ? `No active user ${opts.as}` : 'No active admin: create one with `kith user create` or pass --as <email>')
  const ctx: RequestContext = { actor: { userId: user.id, role: user.role, teamId: user.teamId }, requestId: `cli-import-${Date.now()}` }
  if (entity === 'mailing-list-members' && !opts.list) throw new Error('Name the static mailing list to import into: --list <id or exact name>')
  const listId = opts.list ? await listIdOf(services, ctx, opts.list) : undefined

  const analysis = await services.imports.upload(ctx, { entity: entity as ImportEntity, fileName: basename(file), sheet: opts.sheet, listId, data: createReadStream(file) })
  err.write(`${analysis.format.toUpperCase()}${analysis.encoding ? ` ${analysis.encoding}` : ''}${analysis.delimiter ? ` delimiter ${JSON.stringify(analysis.delimiter)}` : ''}${analysis.sheet ? ` sheet ${analysis.sheet}` : ''}, header on row ${analysis.headerRow}\n`)
  const mapping = opts.mapping === 'auto' ? analysis.proposedMapping : (JSON.parse(readFileSync(opts.mapping, 'utf8')) as Record<string, string | null>)
  for (const [column, field] of Object.entries(mapping)) err.write(`  ${column} → ${field ?? '(ignored)'}\n`)
  const options: ImportOptionsInput = {
    entity: entity as ImportEntity, mapping, sheet: analysis.sheet ?? undefined, mode: opts.mode ?? (opts.dedupe ? 'skip-duplicates' : 'create'), dedupeBy: opts.dedupe,
    dryRun: opts.dryRun ?? false, skipInvalid: opts.skipInvalid ?? false, createMissing: opts.createMissing ?? false, listId, dayFirst: !opts.monthFirst, timeZone: opts.timeZone,
    region: opts.region?.toUpperCase(), invalidPhone: opts.dropInvalidPhone ? 'drop-phone' : 'reject-row',
  }
  try {
    await services.imports.start(ctx, analysis.id, options, { enqueue: false })
  } catch (e) {
    if (e instanceof AppError && e.extra.errors) throw new Error(e.extra.errors.map((x) => `${x.path}: ${x.message}`).join('\n'))
    throw e
  }
  const tty = err.isTTY
  let last = 0
  await runImport({
    db, defaultRegion, encryption: services.encryption,
    onProgress: ({ phase, processed, total }) => {
      const now = Date.now()
      if (!tty || now - last < 200) return
      last = now
      const pct = total ? ` ${Math.floor((processed / total) * 100)}%` : ''
      err.write(`\r${phase === 'validate' ? 'checking' : 'importing'} ${processed.toLocaleString()}${total ? ` / ${total.toLocaleString()}` : ''} rows${pct}   `)
    },
  }, analysis.id)
  if (tty) err.write('\r\x1b[K')
  const status = await services.imports.get(ctx, analysis.id)
  out.write(`${status.status}: ${status.counts.created} created, ${status.counts.updated} updated, ${status.counts.skipped} skipped, ${status.counts.invalid} invalid (import ${status.id})\n`)
  if (status.error) err.write(`${status.error}\n`)
  if (status.counts.invalid > 0) {
    const path = `${file}.errors.csv`
    const w = createWriteStream(path)
    w.write('\uFEFF')
    for await (const r of services.imports.rejected(ctx, analysis.id)) {
      w.write('columns' in r ? stringify([['Row / 行号', ...r.columns.map(escapeFormula), 'Reason / 原因']]) : stringify([[String(r.row), ...r.cells.map(escapeFormula), r.reason]]))
    }
    await new Promise<void>((resolve, reject) => w.end((e?: Error | null) => (e ? reject(e) : resolve())))
    err.write(`Rejected rows with reasons: ${path}\n`)
  }
  return status.status === 'completed' || status.status === 'dry_run_done' ? 0 : 1
}
