import Big from 'big.js'
import { z } from 'zod'

/**
 * Money and quantities travel as decimal strings and are computed with big.js, never with JS
 * floats. Amounts are rounded half-up to the currency's minor unit only where a total is formed.
 */
const DECIMAL = /^-?\d{1,15}(\.\d+)?$/

/**
 * Text that is not a decimal ("x", "abc") fails the first check, which aborts the rest: the range
 * checks parse with big.js, which throws on such text (that was a 500 instead of a 400).
 */
export const decimalString = (opts: { scale: number; min?: string; max?: string }) =>
  z
    .union([z.string().trim(), z.number()])
    .transform((v) => String(v))
    .refine((v) => DECIMAL.test(v), { message: 'Must be a decimal number such as 12.50', abort: true })
    .refine((v) => (v.split('.')[1]?.length ?? 0) <= opts.scale, `At most ${opts.scale} decimal places`)
    .refine((v) => opts.min === undefined || !DECIMAL.test(v) || new Big(v).gte(opts.min), `Must be at least ${opts.min}`)
    .refine((v) => opts.max === undefined || !DECIMAL.test(v) || new Big(v).lte(opts.max), `Must be at most ${opts.max}`)

export const moneyInput = decimalString({ scale: 2, min: '0', max: '999999999999999.99' })
export const quantityInput = decimalString({ scale: 4, min: '0', max: '99999999999' })
export const percentInput = decimalString({ scale: 2, min: '0', max: '100' })

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as CNY or USD')
