import { describe, expect, it } from 'vitest'
import { checkPhone, toE164 } from './phone'
import { countryCode } from './country'

describe('phones: E.164 with extensions, and why a number is refused', () => {
  it.each([
    // [input, default region, stored]
    ['(202) 555-0123', 'US', '+12025550123'],
    ['+1-202-555-0123', 'CN', '+12025550123'],
    ['001-202-555-0123', 'CN', '+12025550123'],
    ['00 1 202 555 0123', 'DE', '+12025550123'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['+44 20 7946 0958', 'CN', '+442079460958'],
    ['0044 20 7946 0958', 'CN', '+442079460958'],
    ['030 901820', 'DE', '+4930901820'],
    ['+49 30 901820', 'US', '+4930901820'],
    ['03-1234-5678', 'JP', '+81312345678'],
    ['+81 90-1234-5678', 'CN', '+819012345678'],
    ['138 0013 8000', 'CN', '+8613800138000'],
    ['+86 138 0013 8000', 'US', '+8613800138000'],
    ['0086 10 6552 9988', 'DE', '+861065529988'],
    ['(010) 6552 9988', 'CN', '+861065529988'],
    ['2123 4567', 'HK', '+85221234567'],
    ['+852 9123 4567', 'CN', '+85291234567'],
    ['6123 4567', 'SG', '+6561234567'],
    ['+65 9123 4567', 'CN', '+6591234567'],
    // Extensions, in the ways files write them: kept after ;ext= (RFC 3966).
    ['(202) 555-0123 x4715', 'US', '+12025550123;ext=4715'],
    ['+1 202-555-0123 ext. 12', 'CN', '+12025550123;ext=12'],
    ['202-555-0123 extension 7', 'US', '+12025550123;ext=7'],
    ['010-6552 9988 转 12', 'CN', '+861065529988;ext=12'],
    ['010 6552 9988 分机 305', 'CN', '+861065529988;ext=305'],
    ['010 65529988#12', 'CN', '+861065529988;ext=12'],
    ['+44 20 7946 0958 x 3', 'US', '+442079460958;ext=3'],
    ['+12025550123;ext=4715', 'CN', '+12025550123;ext=4715'],
  ])('%s (default %s) → %s', (input, region, stored) => {
    expect(checkPhone(input, region)).toEqual({ ok: true, value: stored })
    // What is stored reads back as itself, whatever the default region.
    expect(toE164(stored, 'CN')).toBe(stored)
  })

  it('says why, and gives the country-code hint only to numbers without one', () => {
    const why = (input: string, region: string) => {
      const r = checkPhone(input, region)
      if (r.ok) throw new Error(`${input} was accepted as ${r.value}`)
      return r.reason
    }
    expect(why('+1-202-555', 'CN')).toBe('"+1-202-555" is too short for a phone number in country code +1')
    expect(why('001-202-555', 'CN')).toBe('"001-202-555" is too short for a phone number in country code +1')
    expect(why('+1 202 555 01234567', 'CN')).toBe('"+1 202 555 01234567" is too long for a phone number in country code +1')
    expect(why('+1 123 456 7890', 'CN')).toBe('"+1 123 456 7890" is not a valid number in country code +1')
    expect(why('+44 20 7946', 'CN')).toBe('"+44 20 7946" is too short for a phone number in United Kingdom (+44)')
    expect(why('+86 123 4567', 'US')).toBe('"+86 123 4567" is not a valid number in China')
    expect(why('+999 1234567', 'CN')).toBe('"+999 1234567" starts with a country code that does not exist')
    expect(why('1380013800', 'CN')).toBe('"1380013800" is not a valid number in China (read as a China number; write another country\'s number with its code, e.g. +44 or 0044)')
    expect(why('12345', 'US')).toMatch(/^"12345" is too short for a phone number in United States \(read as a United States number;/)
    expect(why('call me', 'CN')).toMatch(/^"call me" is not a phone number \(read as a China number;/)
  })

  it('reads countries as files write them', () => {
    expect(['US', 'us', 'USA', 'United States', 'united states of america', '美国', 'U.S.'].map(countryCode)).toEqual(Array(7).fill('US'))
    expect(['GB', 'UK', 'United Kingdom', '英国'].map(countryCode)).toEqual(Array(4).fill('GB'))
    expect(['中国', 'China', 'CN', '中國'].map(countryCode)).toEqual(Array(4).fill('CN'))
    expect(['Germany', 'Deutschland', 'DE', '德国', 'Japan', '日本', 'Hong Kong', '香港', 'Singapore', '新加坡'].map(countryCode)).toEqual(['DE', 'DE', 'DE', 'DE', 'JP', 'JP', 'HK', 'HK', 'SG', 'SG'])
    expect([null, '', 'Atlantis', 'XX'].map(countryCode)).toEqual([null, null, null, null])
  })
})

describe('the web app shows a stored extension and dials it as one', () => {
  it('formats and links', async () => {
    const { formatPhone, phoneHref } = await import('../../web/src/lib/phone')
    expect(formatPhone('+12025550123;ext=4715', 'CN')).toBe('+1 202 555 0123 ext. 4715')
    expect(formatPhone('+861065529988;ext=12', 'CN')).toBe('010 6552 9988 ext. 12')
    expect(phoneHref('+12025550123;ext=4715')).toBe('tel:+12025550123;ext=4715')
    expect(phoneHref('+8613800138000')).toBe('tel:+8613800138000')
  })
})
