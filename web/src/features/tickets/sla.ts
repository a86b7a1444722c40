/** How a ticket stands against one SLA target, from stored timestamps only (nothing is counted in the browser but "now"). */
export type SlaState = 'none' | 'met' | 'late' | 'ok' | 'soon' | 'overdue' | 'paused'

/** Left under this much time, a running target counts as "breaching soon" (the inbox view uses the server's own cut-off). */
export const SOON_MS = 60 * 60_000

export interface SlaClock {
  state: SlaState
  /** Milliseconds left (negative = overdue); null when the target is met or absent. */
  remainingMs: number | null
}

/**
 * `dueAt` is the target, `doneAt` when it was met (first response, resolution). A met target is
 * `met` or `late` (met after it was due); an open one `ok`, `soon` or `overdue`; one whose clock
 * stopped at `pausedAt` (waiting on the customer) `paused`, with what was left then, or `overdue`
 * if it had run out before.
 */
export function slaClock(dueAt: string | null | undefined, doneAt: string | null | undefined, now: number, pausedAt?: string | null): SlaClock {
  if (!dueAt) return { state: 'none', remainingMs: null }
  const due = Date.parse(dueAt)
  if (doneAt) return { state: Date.parse(doneAt) > due ? 'late' : 'met', remainingMs: null }
  if (pausedAt) {
    const left = due - Date.parse(pausedAt)
    return { state: left < 0 ? 'overdue' : 'paused', remainingMs: left }
  }
  const remainingMs = due - now
  return { state: remainingMs < 0 ? 'overdue' : remainingMs < SOON_MS ? 'soon' : 'ok', remainingMs }
}

/** Whole days, hours and minutes of a span: [[unit, count], …], largest two units only. */
export function durationParts(ms: number): ['d' | 'h' | 'm', number][] {
  const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000))
  const d = Math.floor(minutes / 1440)
  const h = Math.floor((minutes % 1440) / 60)
  const m = minutes % 60
  const parts: ['d' | 'h' | 'm', number][] = []
  if (d) parts.push(['d', d])
  if (h) parts.push(['h', h])
  if (m && !d) parts.push(['m', m])
  return parts.slice(0, 2)
}
