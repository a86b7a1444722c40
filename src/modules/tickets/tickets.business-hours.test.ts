import { describe, expect, it } from 'vitest'
import { addBusinessMinutes, businessTimeBetween, isTimeZone, zonedInstant, type BusinessHours } from './tickets.business-hours'

const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }))
const shanghai: BusinessHours = { timeZone: 'Asia/Shanghai', schedule: weekdays('09:00', '18:00') }
const newYork: BusinessHours = { timeZone: 'America/New_York', schedule: weekdays('09:00', '17:00') }
const at = (iso: string) => new Date(iso)
const add = (start: string, minutes: number, hours: BusinessHours | null) => addBusinessMinutes(at(start), minutes, hours).toISOString()

describe('addBusinessMinutes', () => {
  it('without business hours every minute counts', () => {
    expect(add('2026-11-28T10:00:00.000Z', 90, null)).toBe('2026-11-28T11:30:00.000Z')
  })

  it('inside one business day it is plain addition', () => {
    // Wednesday 10:00 in Shanghai (UTC+8) + 2 h.
    expect(add('2026-11-25T02:00:00.000Z', 120, shanghai)).toBe('2026-11-25T04:00:00.000Z')
  })

  it('carries what does not fit on Friday over the weekend to Monday', () => {
    // Friday 17:00 CST + 120 min = 60 on Friday, 60 on Monday → Monday 10:00 CST.
    expect(add('2026-11-27T09:00:00.000Z', 120, shanghai)).toBe('2026-11-30T02:00:00.000Z')
  })

  it('starts a clock opened at the weekend or before opening at the next opening', () => {
    // Saturday noon CST + 30 → Monday 09:30 CST.
    expect(add('2026-11-28T04:00:00.000Z', 30, shanghai)).toBe('2026-11-30T01:30:00.000Z')
    // Tuesday 07:00 CST + 30 → 09:30 CST.
    expect(add('2026-11-24T23:00:00.000Z', 30, shanghai)).toBe('2026-11-25T01:30:00.000Z')
    // After closing: the next morning.
    expect(add('2026-11-25T12:00:00.000Z', 60, shanghai)).toBe('2026-11-26T02:00:00.000Z')
    // Zero minutes out of hours is the next opening; in hours it is now.
    expect(add('2026-11-28T04:00:00.000Z', 0, shanghai)).toBe('2026-11-30T01:00:00.000Z')
    expect(add('2026-11-25T02:00:00.000Z', 0, shanghai)).toBe('2026-11-25T02:00:00.000Z')
  })

  it('uses the local date, not the UTC one: Sunday 23:30 UTC is Monday 07:30 in Shanghai', () => {
    expect(add('2026-11-29T23:30:00.000Z', 30, shanghai)).toBe('2026-11-30T01:30:00.000Z')
  })

  it('skips a lunch break between two intervals of a day', () => {
    const split: BusinessHours = { timeZone: 'Asia/Shanghai', schedule: [...weekdays('09:00', '12:00'), ...weekdays('13:00', '18:00')] }
    // 11:30 + 60 → 30 before lunch, 30 after → 13:30 CST.
    expect(add('2026-11-25T03:30:00.000Z', 60, split)).toBe('2026-11-25T05:30:00.000Z')
  })

  it('spans many days: 3 business days of 9 hours', () => {
    // Monday 09:00 CST + 27 h of business time → Wednesday 18:00 CST.
    expect(add('2026-11-23T01:00:00.000Z', 27 * 60, shanghai)).toBe('2026-11-25T10:00:00.000Z')
  })

  it('skips holidays (国庆节)', () => {
    const withHolidays: BusinessHours = { ...shanghai, holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'] }
    // Wednesday 30 Sep 17:00 CST + 120 → 60 that day, then nothing until Thursday 8 Oct → 10:00 CST.
    expect(add('2026-09-30T09:00:00.000Z', 120, withHolidays)).toBe('2026-10-08T02:00:00.000Z')
  })

  it('follows New York across the spring-forward weekend (EST → EDT)', () => {
    // Friday 6 Mar 2026 16:00 EST (21:00Z) + 120 → Monday 9 Mar 10:00 EDT = 14:00Z.
    expect(add('2026-03-06T21:00:00.000Z', 120, newYork)).toBe('2026-03-09T14:00:00.000Z')
  })

  it('follows New York across the fall-back weekend (EDT → EST)', () => {
    // Friday 30 Oct 2026 16:00 EDT (20:00Z) + 120 → Monday 2 Nov 10:00 EST = 15:00Z.
    expect(add('2026-10-30T20:00:00.000Z', 120, newYork)).toBe('2026-11-02T15:00:00.000Z')
  })

  it('round the clock, a DST night has 23 (or 25) hours and business time equals elapsed time', () => {
    const always: BusinessHours = { timeZone: 'America/New_York', schedule: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })) }
    expect(add('2026-03-08T05:00:00.000Z', 24 * 60, always)).toBe('2026-03-09T05:00:00.000Z')
    expect(add('2026-11-01T04:00:00.000Z', 26 * 60, always)).toBe('2026-11-02T06:00:00.000Z')
  })

  it('refuses a schedule that never opens instead of looping', () => {
    expect(() => addBusinessMinutes(at('2026-11-25T00:00:00.000Z'), 60, { timeZone: 'UTC', schedule: [] })).toThrow(/never open/)
  })
})

describe('businessTimeBetween', () => {
  const between = (from: string, to: string, hours: BusinessHours | null) => businessTimeBetween(at(from), at(to), hours) / 60_000

  it('without business hours it is the elapsed time, and nothing when the end is not later', () => {
    expect(between('2026-11-28T10:00:00.000Z', '2026-11-28T11:30:00.000Z', null)).toBe(90)
    expect(between('2026-11-28T10:00:00.000Z', '2026-11-28T09:00:00.000Z', null)).toBe(0)
    expect(between('2026-11-25T02:00:00.000Z', '2026-11-25T01:00:00.000Z', shanghai)).toBe(0)
  })

  it('counts only the schedule: Friday 17:00 to Monday 10:00 in Shanghai is two business hours', () => {
    expect(between('2026-11-27T09:00:00.000Z', '2026-11-30T02:00:00.000Z', shanghai)).toBe(120)
    // A night and a weekend outside the schedule count nothing.
    expect(between('2026-11-25T11:00:00.000Z', '2026-11-26T00:30:00.000Z', shanghai)).toBe(0)
    expect(between('2026-11-28T01:00:00.000Z', '2026-11-29T10:00:00.000Z', shanghai)).toBe(0)
  })

  it('is the inverse of addBusinessMinutes, holidays and lunch breaks included', () => {
    const split: BusinessHours = { timeZone: 'Asia/Shanghai', schedule: [...weekdays('09:00', '12:00'), ...weekdays('13:00', '18:00')], holidays: ['2026-10-01', '2026-10-02'] }
    for (const [start, minutes] of [['2026-09-30T03:30:00.000Z', 60], ['2026-09-30T09:00:00.000Z', 600], ['2026-11-23T01:00:00.000Z', 27 * 60]] as const) {
      const end = addBusinessMinutes(at(start), minutes, split)
      expect(businessTimeBetween(at(start), end, split) / 60_000).toBe(minutes)
    }
  })
})

describe('zonedInstant', () => {
  it('maps a local time to UTC, taking a skipped time to after the gap and a repeated one to the first', () => {
    expect(new Date(zonedInstant(2026, 11, 25, 9 * 60, 'Asia/Shanghai')).toISOString()).toBe('2026-11-25T01:00:00.000Z')
    // 02:30 does not exist in New York on 8 Mar 2026 → 03:30 EDT.
    expect(new Date(zonedInstant(2026, 3, 8, 150, 'America/New_York')).toISOString()).toBe('2026-03-08T07:30:00.000Z')
    // 01:30 happens twice on 1 Nov 2026 → the first (EDT).
    expect(new Date(zonedInstant(2026, 11, 1, 90, 'America/New_York')).toISOString()).toBe('2026-11-01T05:30:00.000Z')
  })

  it('knows IANA zones', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true)
    expect(isTimeZone('Mars/Olympus')).toBe(false)
  })
})
