import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { BackupFile } from './backups.schema'

/** Scheduled backups are named by their UTC time, so the name sorts by age and pruning never touches other files. */
const NAME = /^kith-backup-(\d{8})-(\d{6})\.kbk$/

export const scheduledName = (at: Date) => `kith-backup-${at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}.kbk`

/** The date and hour in the company's zone: a backup at "2 o'clock" means the company's 2 o'clock. */
export function localDay(at: Date, timeZone: string): { date: string; hour: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  )
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) }
}

/** Due once a day, at or after the hour; a server that was down at the hour catches up when it comes back. */
export function isDue(now: Date, timeZone: string, hour: number, lastRunAt: Date | null): boolean {
  const today = localDay(now, timeZone)
  if (today.hour < hour) return false
  return !lastRunAt || localDay(lastRunAt, timeZone).date !== today.date
}

export async function listBackups(directory: string): Promise<BackupFile[]> {
  const names = await readdir(directory).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[]
    throw err
  })
  const out: BackupFile[] = []
  for (const name of names.filter((n) => NAME.test(n))) {
    const s = await stat(join(directory, name))
    out.push({ name, bytes: s.size, createdAt: s.mtime.toISOString() })
  }
  return out.sort((a, b) => b.name.localeCompare(a.name))
}

/** Keeps the newest `keepCount`, and of those only the ones younger than `keepDays` (the newest always stays). */
export async function pruneBackups(directory: string, keepCount: number, keepDays: number, now: Date): Promise<string[]> {
  const all = await listBackups(directory)
  const cutoff = now.getTime() - keepDays * 86_400_000
  const doomed = all.filter((b, i) => i > 0 && (i >= keepCount || (keepDays > 0 && Date.parse(b.createdAt) < cutoff)))
  for (const b of doomed) await rm(join(directory, b.name), { force: true })
  return doomed.map((b) => b.name)
}
