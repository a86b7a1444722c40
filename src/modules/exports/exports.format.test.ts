import { describe, expect, it } from 'vitest'
import { zoneClock } from './exports.format'

/** What Intl says the wall time and offset are, written as zoneClock writes them. */
function expected(tz: string, ms: number): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  )
  const wall = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!)
  const off = Math.round((wall - Math.floor(ms / 1000) * 1000) / 60_000)
  const abs = Math.abs(off)
  const suffix = `${off < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${suffix}`
}

describe('zoneClock', () => {
  // Whole-hour, half-hour, 45-minute, negative, DST north and south, and a date-line zone.
  const zones = ['UTC', 'Asia/Shanghai', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/St_Johns', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Pacific/Kiritimati']

  it.each(zones)('writes the wall time and offset Intl gives, around midnights and DST changes (%s)', (tz) => {
    const clock = zoneClock(tz)
    let seed = 7
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const instants: number[] = []
    // Every 7½ minutes across each 2026 DST change of the zones above, plus random instants of 2020–2030.
    for (const day of [Date.UTC(2026, 2, 8), Date.UTC(2026, 2, 29), Date.UTC(2026, 3, 5), Date.UTC(2026, 9, 4), Date.UTC(2026, 9, 25), Date.UTC(2026, 10, 1)]) {
      for (let m = -36 * 60; m <= 36 * 60; m += 7.5) instants.push(day + m * 60_000 + 123)
    }
    for (let i = 0; i < 3000; i++) instants.push(Date.UTC(2020, 0, 1) + Math.floor(rand() * 11 * 365 * 86_400_000))
    // Two columns read alternately, as a row's created and updated times are.
    for (let i = 0; i + 1 < instants.length; i += 2) {
      for (const ms of [instants[i]!, instants[i + 1]!]) {
        expect(clock.iso(new Date(ms).toISOString()), `${tz} ${new Date(ms).toISOString()}`).toBe(expected(tz, ms))
      }
    }
  })

  it('refuses an unknown zone with a field error', () => {
    expect(() => zoneClock('Mars/Olympus')).toThrow(/tz/)
  })
})
