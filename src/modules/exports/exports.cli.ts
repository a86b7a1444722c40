import { pipeline } from 'node:stream/promises'
import { Transform, type Writable } from 'node:stream'
import type { Db } from '../../db/database'
import { systemContext, type RequestContext } from '../../server/context'
import type { Services } from '../../services'
import { EXPORT_ENTITIES, exportQuerySchemas, type ExportEntity } from './exports.schema'

export interface CliExportOptions {
  format?: string
  as?: string
  lang?: string
  tz?: string
  columns?: string
  /** Repeated `--filter key=value`: the list's own filters (status=active, q=北京, ownerId=…). */
  filter?: string[]
}

/** The actor of a CLI export: the named user with his permissions, or an administrator reading everything. */
async function actorFor(services: Services, email: string | undefined): Promise<RequestContext> {
  const reader = systemContext({ userId: '00000000-0000-0000-0000-000000000000', role: 'admin', teamId: null }, 'cli-export')
  if (!email) return reader
  const found = (await services.users.list(reader, { q: email, limit: 20 })).items.find((u) => u.email.toLowerCase() === email.toLowerCase())
  if (!found) throw new Error(`No user with e-mail ${email}`)
  return systemContext({ userId: found.id, role: found.role, teamId: found.teamId }, 'cli-export')
}

/**
 * `kith export <entity>`: the same service and stream as GET /<entity>/export, written to `out`
 * (stdout); a row count goes to stderr on a terminal so the file stays clean.
 */
export async function runCliExport(services: Services, _db: Db, entity: string, opts: CliExportOptions, out: Writable, progress?: NodeJS.WriteStream) {
  if (!EXPORT_ENTITIES.includes(entity as ExportEntity)) throw new Error(`Unknown entity ${entity}; one of ${EXPORT_ENTITIES.join(', ')}`)
  const e = entity as ExportEntity
  const raw: Record<string, string> = {}
  for (const f of opts.filter ?? []) {
    const i = f.indexOf('=')
    if (i < 1) throw new Error(`--filter takes key=value, got ${f}`)
    raw[f.slice(0, i)] = f.slice(i + 1)
  }
  const parsed = exportQuerySchemas[e].safeParse({
    ...raw, format: opts.format ?? 'csv', lang: opts.lang ?? 'zh-CN', tz: opts.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone, columns: opts.columns,
  })
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'))
  const ctx = await actorFor(services, opts.as)
  const file = await (services.exports[e] as (c: RequestContext, q: unknown) => ReturnType<Services['exports']['customers']>)(ctx, parsed.data)
  let bytes = 0
  let shown = 0
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length
      if (progress?.isTTY && Date.now() - shown > 250) {
        shown = Date.now()
        progress.write(`\r${file.filename}: ${(bytes / 1048576).toFixed(1)} MB`)
      }
      done(null, chunk)
    },
  })
  await pipeline(file.body, meter, out, { end: out !== process.stdout })
  if (progress?.isTTY) progress.write(`\r${file.filename}: ${(bytes / 1048576).toFixed(1)} MB, done\n`)
}
