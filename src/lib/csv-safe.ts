/**
 * CSV injection (OWASP "formula injection"): a spreadsheet opening a CSV evaluates a cell that
 * starts with = + - @ (or a tab / carriage return that hides one) as a formula, so a customer
 * named `=HYPERLINK("http://evil", "click")` would run in the user's Excel. A leading apostrophe
 * makes it text. Only text cells go through this: a number column is written as a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/
/** A signed number (an E.164 phone, a negative amount) computes nothing but itself: left as it is, so it reads back unchanged. */
const PLAIN_NUMBER = /^[+-]\d+(\.\d+)?$/

export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

/** The reverse, for an import of a file Kith exported: `'=x` → `=x`; other text unchanged. */
export function restoreFormulaText(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value
}

const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/

/**
 * One CSV record (RFC 4180, CRLF). Written by hand rather than with csv-stringify: at a million
 * rows its per-record option handling cost more than the database read.
 */
export function csvRecord(cells: readonly (string | number | null)[]): string {
  let line = ''
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i]
    if (i > 0) line += ','
    if (v === null || v === undefined) continue
    const s = typeof v === 'string' ? v : String(v)
    line += NEEDS_QUOTES.test(s) ? `"${s.replaceAll('"', '""')}"` : s
  }
  return `${line}\r\n`
}
