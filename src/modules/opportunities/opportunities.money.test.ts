import Big from 'big.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, json, sessionFor, type AuthHeaders, type TestApp } from '../../test/test-app'
import { insertCustomer, insertUser } from '../../test/factories'
import { expectProblem } from '../../test/http'
import { priceLines } from './opportunities.money'

/**
 * Property-style checks of deal arithmetic: many random line sets, priced by the service and
 * through the API, against two independent references (big.js written out here, and integer
 * arithmetic in BigInt), while a plain float sum visibly drifts.
 */

/** Small deterministic PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296
  }
}

interface Line { description: string; quantity: string; unitPrice: string; discountPercent: string }

const decimal = (rand: () => number, maxInt: number, scale: number) => {
  const int = Math.floor(rand() * maxInt)
  const frac = scale ? Math.floor(rand() * 10 ** scale).toString().padStart(scale, '0') : ''
  return scale && rand() < 0.8 ? `${int}.${frac}` : `${int}`
}

function randomLines(rand: () => number, n: number): Line[] {
  return Array.from({ length: n }, (_, i) => ({
    description: `Line ${i}`,
    quantity: decimal(rand, rand() < 0.2 ? 100_000 : 50, 4),
    unitPrice: decimal(rand, rand() < 0.1 ? 10_000_000 : 5_000, 2),
    discountPercent: rand() < 0.5 ? '0' : rand() < 0.1 ? '100' : decimal(rand, 100, 2),
  }))
}

/** Reference 1: big.js, exact sum then one half-up rounding. */
const bigTotal = (lines: Line[], dp: number) =>
  lines
    .reduce((acc, l) => acc.plus(new Big(l.quantity).times(l.unitPrice).times(new Big(100).minus(l.discountPercent)).div(100)), new Big(0))
    .round(dp, Big.roundHalfUp)
    .toFixed(dp)

/** Reference 2: integers only. quantity ×10⁴, price ×10², (100 − discount) ×10²; the product is in units of 10⁻¹⁰ after ÷100. */
function intTotal(lines: Line[], dp: number): string {
  const units = (v: string, scale: number) => {
    const [i, f = ''] = v.split('.')
    return BigInt(i!) * 10n ** BigInt(scale) + BigInt((f + '0'.repeat(scale)).slice(0, scale) || '0')
  }
  // q·p·(100−d): scale 10⁴·10²·10² = 10⁸, of a value still to be divided by 100 → units of 10⁻¹⁰.
  const sum = lines.reduce((acc, l) => acc + units(l.quantity, 4) * units(l.unitPrice, 2) * (10000n - units(l.discountPercent, 2)), 0n)
  const divisor = 10n ** BigInt(10 - dp)
  const rounded = (sum + divisor / 2n) / divisor // half-up for non-negative values
  const s = rounded.toString().padStart(dp + 1, '0')
  return dp ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s
}

const floatTotal = (lines: Line[]) => lines.reduce((acc, l) => acc + Number(l.quantity) * Number(l.unitPrice) * (1 - Number(l.discountPercent) / 100), 0)

describe('priceLines against independent references', () => {
  it('2,000 random line sets (CNY and JPY): equal to big.js and to integer arithmetic; floats drift', () => {
    const rand = prng(20261125)
    let floatMisses = 0
    for (let round = 0; round < 2000; round++) {
      const lines = randomLines(rand, 1 + Math.floor(rand() * 40))
      const [currency, dp] = round % 4 === 0 ? ['JPY', 0] : ['CNY', 2]
      const { total, amounts } = priceLines(lines, currency as string)
      const expected = bigTotal(lines, dp as number)
      expect(total, JSON.stringify(lines)).toBe(expected)
      expect(total).toBe(intTotal(lines, dp as number))
      expect(amounts).toEqual(lines.map((l) => bigTotal([l], dp as number)))
      if (floatTotal(lines).toFixed(dp as number) !== expected) floatMisses++
    }
    // The reason for decimals: a float sum rounds to a different cent in a share of these cases.
    expect(floatMisses).toBeGreaterThan(0)
  })

  it('classic float traps are exact', () => {
    const tenCents = Array.from({ length: 3 }, () => ({ description: 'x', quantity: '1', unitPrice: '0.10', discountPercent: '0' }))
    expect(priceLines(tenCents, 'CNY').total).toBe('0.30')
    expect(0.1 + 0.1 + 0.1).not.toBe(0.3)
    // 1.005 × 1 rounds half-up to 1.01 (a float says 1.00).
    expect(priceLines([{ quantity: '1.005', unitPrice: '1', discountPercent: '0' }], 'CNY').total).toBe('1.01')
    expect((1.005).toFixed(2)).toBe('1.00')
    // Rounded once: three lines of 0.333… make 1.00, not 3 × 0.33.
    const thirds = Array.from({ length: 3 }, () => ({ description: 'x', quantity: '0.3333', unitPrice: '1', discountPercent: '0' }))
    expect(priceLines(thirds, 'CNY')).toEqual({ total: '1.00', amounts: ['0.33', '0.33', '0.33'] })
  })
})

describe('through the API', () => {
  let t: TestApp
  let admin: AuthHeaders
  let customerId: string
  beforeAll(async () => {
    t = await createTestApp()
    const user = await insertUser(t.db, { role: 'admin' })
    admin = await sessionFor(t, user.id)
    customerId = (await insertCustomer(t.db, { ownerId: user.id })).id
  })
  afterAll(() => t.close())

  it('40 random deals: the stored and returned amount is the exact total; the board sums them exactly', async () => {
    const rand = prng(7)
    let expectedSum = new Big(0)
    for (let i = 0; i < 40; i++) {
      const lines = randomLines(rand, 1 + Math.floor(rand() * 25))
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/opportunities', headers: admin, payload: { customerId, name: `Random ${i}`, stage: 'proposal', lines } })
      expect(res.statusCode, res.body).toBe(201)
      const o = json(res)
      expect(o.amount).toBe(bigTotal(lines, 2))
      const stored = await t.db.selectFrom('opportunities').select('amount').where('id', '=', o.id).executeTakeFirstOrThrow()
      expect(stored.amount).toBe(o.amount)
      expectedSum = expectedSum.plus(o.amount)
    }
    const board = json(await t.app.inject({ method: 'GET', url: '/api/v1/opportunities/board?perStage=1', headers: admin }))
    const proposal = board.columns.find((c: { stage: string }) => c.stage === 'proposal')
    expect(proposal.count).toBe(40)
    expect(proposal.totals).toEqual([{ currency: 'CNY', amount: expectedSum.toFixed(2) }])
  })
  it('non-numeric money ("x", "abc") is a 400 naming the fields, not a 500, on deals, products and quotes', async () => {
    const post = (url: string, payload: object, method: 'POST' | 'PATCH' = 'POST') => t.app.inject({ method, url, headers: admin, payload })
    const deal = await post('/api/v1/opportunities', { customerId, name: 'Bad money', amount: 'abc', lines: [{ description: 'x', quantity: '1', unitPrice: 'x' }] })
    const body = expectProblem(deal, 400, ['amount', 'lines.0.unitPrice'])
    expect(body.errors!.find((e) => e.path === 'lines.0.unitPrice')!.message).toMatch(/decimal/)
    expectProblem(await post('/api/v1/opportunities', { customerId, name: 'Bad amount', amount: 'abc' }), 400, ['amount'])
    expectProblem(await post('/api/v1/products', { sku: 'BAD-MONEY', name: 'Bad money', unitPrice: 'x' }), 400, ['unitPrice'])
    expectProblem(await post('/api/v1/quotes/0193b9a0-0000-7000-8000-00000000dead', { version: 1, lines: [{ quantity: '1', unitPrice: 'x', discountPercent: 'y' }] }, 'PATCH'), 400, ['lines.0.unitPrice', 'lines.0.discountPercent'])
  })
})
