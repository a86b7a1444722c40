import { describe, expect, it } from 'vitest'
import { csvRecord, neutralizeFormula, restoreFormulaText } from './csv-safe'

describe('neutralizeFormula', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1 555 0100', `'+1 555 0100`],
    ['+1+cmd', `'+1+cmd`],
    ['-1+2', `'-1+2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\t=1', `'\t=1`],
    ['\r=1', `'\r=1`],
  ])('escapes %j', (input, out) => {
    expect(neutralizeFormula(input)).toBe(out)
    expect(restoreFormulaText(out)).toBe(input)
  })

  it.each(['张三', 'a=b', '', "'quoted", 'mail@example.com', '+8613800138000', '-12.50'])('keeps %j', (input) => {
    expect(neutralizeFormula(input)).toBe(input)
    expect(restoreFormulaText(input)).toBe(input)
  })
})

describe('csvRecord', () => {
  it('quotes only what needs it, doubles quotes, ends with CRLF', () => {
    expect(csvRecord(['a', 1, null, '张三'])).toBe('a,1,,张三\r\n')
    expect(csvRecord(['x,y', 'say "hi"', 'two\nlines', ' padded', ''])).toBe('"x,y","say ""hi""","two\nlines"," padded",\r\n')
  })
})
