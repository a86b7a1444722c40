import { describe, expect, it } from 'vitest'
import { getExampleNumber, type CountryCode } from 'libphonenumber-js/max'
import examples from 'libphonenumber-js/mobile/examples'
import { toE164 } from '../../lib/phone'
import { toE164Fast } from './phone-fast'

/** A small deterministic PRNG, so a failure names the same inputs on every run. */
function prng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
}

describe('the import fast phone check', () => {
  it('agrees with toE164 (libphonenumber isValid) for numbers of many regions, lengths and types', () => {
    const rand = prng(42)
    const regions = ['CN', 'HK', 'TW', 'SG', 'US', 'GB', 'DE', 'FR', 'JP', 'KR', 'IN', 'BR', 'AU', 'RU', 'IT', 'ES', 'NL', 'MX'] as CountryCode[]
    const inputs: [string, string][] = []
    for (const region of regions) {
      const example = getExampleNumber(region, examples)
      if (example) inputs.push([example.nationalNumber, region], [example.number, 'CN'], [`0${example.nationalNumber}`, region])
      for (let i = 0; i < 300; i++) {
        const len = 5 + Math.floor(rand() * 9)
        let digits = ''
        for (let d = 0; d < len; d++) digits += Math.floor(rand() * 10)
        // Mutate the example too: valid-looking numbers near the patterns' edges.
        const near = example ? example.nationalNumber.slice(0, Math.floor(rand() * example.nationalNumber.length)) + digits.slice(0, 4) : digits
        inputs.push([digits, region], [`+${digits}`, region], [near, region], [`1${digits.slice(0, 10)}`, region])
      }
    }
    inputs.push(['138 0013 8000', 'CN'], ['(010) 6552 9988', 'CN'], ['+86 21 6888 8888', 'US'], ['12345', 'CN'], ['phone', 'CN'], ['17912345678901', 'CN'])
    let valid = 0
    for (const [input, region] of inputs) {
      const expected = toE164(input, region)
      if (expected) valid++
      expect([input, region, toE164Fast(input, region)]).toEqual([input, region, expected])
    }
    expect(valid).toBeGreaterThan(100)
  })
})
