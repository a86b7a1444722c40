import Big from 'big.js'
import { describe, expect, it } from 'vitest'
import { priceDocument, type PricedLineInput } from './quotes.money'

/** A small deterministic PRNG, so a failure replays with the same lines. */
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const decimal = (r: () => number, intDigits: number, dp: number) => {
  const int = Math.floor(r() * 10 ** intDigits)
  const frac = dp ? `.${String(Math.floor(r() * 10 ** dp)).padStart(dp, '0')}` : ''
  return `${int}${frac}`
}

function randomLine(r: () => number): PricedLineInput {
  return {
    quantity: decimal(r, 1 + Math.floor(r() * 4), Math.floor(r() * 5)),
    unitPrice: decimal(r, 1 + Math.floor(r() * 6), Math.floor(r() * 3)),
    discountPercent: r() < 0.5 ? '0' : decimal(r, 2, 2),
    taxRate: ['0', '6', '9', '13', '7.5', '19.25'][Math.floor(r() * 6)]!,
  }
}

/** The exact amounts, summed with plain rational arithmetic on scaled integers (no big.js, no floats). */
function exactTotals(lines: PricedLineInput[]) {
  // quantity ≤ 4 dp, price ≤ 2 dp, percentages ≤ 2 dp: scale everything to integers.
  const toInt = (v: string, dp: number) => {
    const [i, f = ''] = v.split('.')
    return BigInt(i + f.padEnd(dp, '0'))
  }
  // gross in units of 10^-6, discount and net in 10^-10, tax in 10^-14
  let gross = 0n
  let discount = 0n
  let tax = 0n
  for (const l of lines) {
    const g = toInt(l.quantity, 4) * toInt(l.unitPrice, 2)
    const d = g * toInt(l.discountPercent, 2) // ×10^-4 of a percent → /100 → 10^-10 scale with /100 folded in below
    const net = g * 10000n - d // 10^-10
    gross += g
    discount += d
    tax += net * toInt(l.taxRate, 2) // 10^-14
  }
  return { gross, discount, tax }
}

const roundScaled = (v: bigint, scale: number, dp: number) => new Big(v.toString()).div(new Big(10).pow(scale)).round(dp, Big.roundHalfUp).toFixed(dp)

describe('quote money', () => {
  it('totals equal the exact decimal sums rounded once, for hundreds of random quotes', () => {
    const r = rng(20261125)
    for (let round = 0; round < 300; round++) {
      const lines = Array.from({ length: 1 + Math.floor(r() * 60) }, () => randomLine(r))
      const currency = ['CNY', 'USD', 'JPY', 'EUR'][round % 4]!
      const dp = currency === 'JPY' ? 0 : 2
      const got = priceDocument(lines, currency)
      const e = exactTotals(lines)
      expect(got.subtotal).toBe(roundScaled(e.gross, 6, dp))
      expect(got.discountTotal).toBe(roundScaled(e.discount, 10, dp))
      expect(got.taxTotal).toBe(roundScaled(e.tax, 14, dp))
      // total = gross − discount + tax, all at 10^-14
      expect(got.total).toBe(roundScaled(e.gross * 100_000_000n - e.discount * 10_000n + e.tax, 14, dp))
      expect(got.lines).toHaveLength(lines.length)
    }
  })

  it('does not drift the way floats do', () => {
    const lines = Array.from({ length: 1000 }, () => ({ quantity: '1', unitPrice: '0.10', discountPercent: '0', taxRate: '0' }))
    expect(priceDocument(lines, 'CNY').total).toBe('100.00')
    let float = 0
    for (let i = 0; i < 1000; i++) float += 0.1
    expect(float).not.toBe(100) // 99.9999999999986: the drift big.js spares us
  })

  it('rounds once: three lines of 0.333… sum to 1.00, not 0.99', () => {
    const third = { quantity: '1', unitPrice: '1', discountPercent: '66.67', taxRate: '0' } // net 0.3333 each
    const r = priceDocument([third, third, third], 'CNY')
    expect(r.lines.map((l) => l.amount)).toEqual(['0.33', '0.33', '0.33'])
    expect(r.total).toBe('1.00') // 0.9999 rounded once, not 0.33 × 3
  })

  it('uses the currency’s minor unit: JPY has none, half up', () => {
    expect(priceDocument([{ quantity: '3', unitPrice: '333.5', discountPercent: '0', taxRate: '10' }], 'JPY')).toMatchObject({ subtotal: '1001', taxTotal: '100', total: '1101' })
    expect(priceDocument([{ quantity: '1', unitPrice: '0.005', discountPercent: '0', taxRate: '0' }], 'USD').total).toBe('0.01')
    expect(priceDocument([], 'CNY')).toMatchObject({ subtotal: '0.00', total: '0.00', lines: [] })
  })

  it('refuses a total the column cannot hold', () => {
    expect(() => priceDocument([{ quantity: '99999999999', unitPrice: '999999999', discountPercent: '0', taxRate: '13' }], 'CNY')).toThrow(/too large/)
  })
})
