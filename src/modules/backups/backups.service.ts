import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Database } from '../../db/database'
import { getSetting, lockSetting, putSetting } from '../../db/settings.repository'
import { changedFields } from '../../lib/diff'
import { AppError } from '../../server/errors'
import type { Jobs } from '../../server/jobs'
import { assertRole } from '../../server/permissions'
import type { RequestContext } from '../../server/context'
import { recordAudit } from '../audit/audit.service'
import { companyLocale } from '../company/company.service'
import { createBackup } from './backup.create'
import type { Secret } from './backup.file'
import { isDue, listBackups, pruneBackups, scheduledName } from './backups.schedule'
import type { BackupFile, BackupSettings, BackupSettingsUpdate } from './backups.schema'

const KEY = 'backup_schedule'
export const BACKUP_QUEUE = 'backups.scheduled'

type Stored = Omit<BackupSettings, 'encrypted'>

const defaults = (dataDir: string): Stored => ({
  enabled: false,
  hour: 2,
  directory: resolve(dataDir, '..', 'backups'),
  keepCount: 7,
  keepDays: 0,
  version: 1,
  lastRunAt: null,
  lastError: null,
})

export interface BackupServiceDeps {
  database: Database
  jobs: Jobs
  /** KITH_BACKUP_PASSPHRASE of the server: scheduled backups are encrypted with it when set. */
  secret?: Secret
  /** Where the default backup directory sits beside (the embedded data directory, or the working directory). */
  dataDir: string
  now?: () => Date
}

/**
 * Scheduled backups: a setting (admins), and a durable job that pg-boss's cron wakes every 15
 * minutes on whichever server works the queue; the job makes the day's backup once the hour has
 * come, then prunes to the retention.
 */
export function createBackupService({ database, jobs, secret, dataDir, now = () => new Date() }: BackupServiceDeps) {
  const { db } = database
  const read = async (): Promise<Stored> => ({ ...defaults(dataDir), ...(await getSetting<Partial<Stored>>(db, KEY)) })
  const shown = (s: Stored): BackupSettings => ({ ...s, encrypted: secret !== undefined })

  const service = {
    async getSettings(ctx: RequestContext): Promise<BackupSettings> {
      assertRole(ctx.actor, 'admin')
      return shown(await read())
    },

    async updateSettings(ctx: RequestContext, input: BackupSettingsUpdate): Promise<BackupSettings> {
      assertRole(ctx.actor, 'admin')
      const saved = await db.transaction().execute(async (trx) => {
        const current: Stored = { ...defaults(dataDir), ...(await lockSetting<Partial<Stored>>(trx, KEY)) }
        if (current.version !== input.version) throw new AppError('VERSION_CONFLICT', undefined, { current: shown(current) })
        const { version: _v, ...fields } = input
        const next: Stored = { ...current, ...fields, version: current.version + 1 }
        const changes = changedFields({ ...current, version: 0 }, { ...next, version: 0 })
        await putSetting(trx, KEY, next)
        await recordAudit(trx, ctx, [{ action: 'update', entity: 'backup_schedule', entityId: null, changes }])
        return next
      })
      return shown(saved)
    },

    async list(ctx: RequestContext): Promise<{ items: BackupFile[] }> {
      assertRole(ctx.actor, 'admin')
      return { items: await listBackups((await read()).directory) }
    },

    /** The job: makes the day's backup when it is due; returns the file written, if any. */
    async runDue(): Promise<string | undefined> {
      const settings = await read()
      const at = now()
      const { timeZone } = await companyLocale(db)
      if (!settings.enabled || !isDue(at, timeZone, settings.hour, settings.lastRunAt ? new Date(settings.lastRunAt) : null)) return undefined
      const file = join(settings.directory, scheduledName(at))
      try {
        await mkdir(settings.directory, { recursive: true, mode: 0o700 })
        await createBackup(database, file, secret, now)
        await pruneBackups(settings.directory, settings.keepCount, settings.keepDays, at)
      } catch (err) {
        await record({ lastError: err instanceof Error ? err.message : String(err) })
        throw err
      }
      await record({ lastRunAt: at.toISOString(), lastError: null })
      return file
    },
  }

  // The outcome is the job's, not an admin's edit: it keeps the version an open settings form holds.
  const record = async (outcome: Partial<Stored>) =>
    db.transaction().execute(async (trx) => {
      const current: Stored = { ...defaults(dataDir), ...(await lockSetting<Partial<Stored>>(trx, KEY)) }
      await putSetting(trx, KEY, { ...current, ...outcome })
    })

  jobs.define(BACKUP_QUEUE, async () => void (await service.runDue()), { policy: 'singleton', retryLimit: 2, expireInSeconds: 60 * 60, cron: '*/15 * * * *' })
  return service
}

export type BackupService = ReturnType<typeof createBackupService>
