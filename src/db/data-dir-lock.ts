import { hostname } from 'node:os'
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * One process owns an embedded data directory. PGlite keeps pages and its write-ahead log in the
 * process's memory and writes them back on its own schedule: a second process on the same files
 * (`kith seed` beside the server) reported success, then the server's write-back erased its rows,
 * and later both died with `RuntimeError: Aborted()`. PostgreSQL refuses a second postmaster with
 * its postmaster.pid; this is the same guard for PGlite.
 */
export const LOCK_FILE = 'kith.lock'

interface Holder {
  pid: number
  /** What holds it: `server`, or the CLI command (`kith seed`). */
  purpose: string
  host: string
  /** Linux /proc start time of the holder, so a recycled pid is not mistaken for it. */
  started: string | null
}

/** An embedded data directory this process cannot use; the message alone tells the user what to do. */
export class DataDirError extends Error {}

/** PGlite could not open its files. */
export class DataDirUnreadableError extends DataDirError {}

export class DataDirInUseError extends DataDirError {
  constructor(readonly dir: string, readonly holder: Holder) {
    super(
      holder.purpose === 'server'
        ? `Kith is running on this data directory (${dir}, pid ${holder.pid}): stop it first, or run the command through the server (the web app or the API).`
        : `\`${holder.purpose}\` (pid ${holder.pid}) is using this data directory (${dir}): wait for it to finish, or stop it first.`,
    )
  }
}

function startTime(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the parenthesised command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null
  } catch {
    return null
  }
}

function alive(holder: Holder): boolean {
  // Another machine's process (a directory on a network share) cannot be checked: assume it runs.
  if (holder.host !== hostname()) return true
  try {
    process.kill(holder.pid, 0)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false
  }
  const started = startTime(holder.pid)
  return !(holder.started && started && started !== holder.started)
}

function read(path: string): Holder | null {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Holder
    return typeof parsed.pid === 'number' ? parsed : null
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw err
    return null
  }
}

/**
 * Takes the directory's lock for this process or throws DataDirInUseError naming the holder.
 * A lock left by a process that died (kill -9, a crash, a reboot) is taken over. Returns the release.
 */
export function lockDataDir(dir: string, purpose: string): () => void {
  const path = join(dir, LOCK_FILE)
  const mine: Holder = { pid: process.pid, purpose, host: hostname(), started: startTime(process.pid) }
  const text = JSON.stringify(mine)
  // Written whole under a name of our own, then linked into place: the link is atomic and fails if
  // the lock exists, so no one ever reads a half-written lock and takes it for a stale one.
  const draft = `${path}.${process.pid}.tmp`
  writeFileSync(draft, text)
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        linkSync(draft, path)
        break
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw err
      }
      let holder: Holder | null
      try {
        holder = read(path)
      } catch {
        continue // released between our two steps
      }
      if (holder && alive(holder)) throw new DataDirInUseError(resolve(dir), holder)
      // Stale (or unreadable: a crash mid-write). Move it aside, then check that what moved is what we
      // judged: a process that took the lock meanwhile gets its file back.
      const aside = `${path}.stale-${process.pid}`
      try {
        renameSync(path, aside)
      } catch {
        continue
      }
      const moved = (() => { try { return read(aside) } catch { return null } })()
      if (moved && holder && (moved.pid !== holder.pid || moved.started !== holder.started)) {
        try {
          linkSync(aside, path)
        } catch { /* someone else holds it now; the next attempt will say who */ }
      }
      try {
        unlinkSync(aside)
      } catch { /* gone already */ }
    }
  } finally {
    unlinkSync(draft)
  }
  let released = false
  const release = () => {
    if (released) return
    released = true
    process.off('exit', release)
    try {
      if (readFileSync(path, 'utf8') === text) unlinkSync(path)
    } catch { /* already gone */ }
  }
  // An exit without close() (process.exit after an error) must not leave a live-looking lock.
  process.on('exit', release)
  return release
}
