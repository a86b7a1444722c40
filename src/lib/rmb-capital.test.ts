import { describe, expect, it } from 'vitest'
import { rmbCapital } from './rmb-capital'

describe('rmbCapital (人民币大写)', () => {
  it.each([
    ['12345.67', '壹万贰仟叁佰肆拾伍元陆角柒分'],
    ['10005', '壹万零伍元整'],
    ['10005.00', '壹万零伍元整'],
    ['1005', '壹仟零伍元整'],
    ['1500', '壹仟伍佰元整'],
    ['10', '壹拾元整'],
    ['15', '壹拾伍元整'],
    ['101000', '壹拾万壹仟元整'],
    ['100100', '壹拾万零壹佰元整'],
    ['1680.32', '壹仟陆佰捌拾元叁角贰分'],
    ['1.50', '壹元伍角整'],
    ['1.5', '壹元伍角整'],
    ['1.05', '壹元零伍分'],
    ['0.05', '伍分'],
    ['0.50', '伍角整'],
    ['0.55', '伍角伍分'],
    ['0', '零元整'],
    ['0.00', '零元整'],
    ['-0.00', '零元整'],
    ['100000000', '壹亿元整'],
    ['100000001', '壹亿零壹元整'],
    ['100010000', '壹亿零壹万元整'],
    ['1000000000000', '壹万亿元整'],
    ['1000100000000', '壹万零壹亿元整'],
    ['1234500000000', '壹万贰仟叁佰肆拾伍亿元整'],
    ['9999999999999999.99', '玖仟玖佰玖拾玖万玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分'],
    ['007', '柒元整'],
  ])('%s → %s', (amount, expected) => {
    expect(rmbCapital(amount)).toBe(expected)
  })

  it('takes integers and bigints as whole yuan', () => {
    expect(rmbCapital(20)).toBe('贰拾元整')
    expect(rmbCapital(10n ** 15n)).toBe('壹仟万亿元整')
  })

  it('refuses negative amounts, a third decimal, more than 16 integer digits and non-numbers', () => {
    for (const bad of ['-1', '-0.01', '1.234', '10000000000000000', 'abc', '', '1e5', '1,000', '.5']) {
      expect(() => rmbCapital(bad), bad).toThrow(RangeError)
    }
  })
})
