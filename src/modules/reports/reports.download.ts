import { stringify } from 'csv-stringify/sync'
import ExcelJS from 'exceljs'
import type { ReportColumn, ReportResult } from './reports.schema'

/** A cell as text for CSV: values starting with = + - @ would run as formulas in Excel. */
const csvCell = (v: unknown): string => {
  if (v === null || v === undefined) return ''
  if (Array.isArray(v)) return perCurrency(v)
  const s = String(v)
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s
}

/** Per-currency amounts (no exchange rate for some): "CNY 1200.00 + USD 300.00". */
const perCurrency = (parts: { currency: string; amount: string }[]) => parts.map((p) => `${p.currency} ${p.amount}`).join(' + ')

export function reportCsv(report: ReportResult): Buffer {
  const header = report.columns.map((c) => c.label)
  const body = report.rows.map((r) => report.columns.map((c) => csvCell(r[c.key])))
  // The BOM makes Excel read UTF-8, so Chinese labels and names open correctly.
  return Buffer.concat([Buffer.from('\uFEFF'), Buffer.from(stringify([header, ...body]))])
}

const numFmt: Partial<Record<ReportColumn['type'], string>> = { money: '#,##0.00', percent: '0.0%', days: '0.0', number: '#,##0' }

function xlsxValue(type: ReportColumn['type'], v: unknown): ExcelJS.CellValue {
  if (v === null || v === undefined) return null
  if (Array.isArray(v)) return perCurrency(v)
  if (type === 'money' || type === 'number' || type === 'days') return Number(v)
  if (type === 'percent') return Number(v) / 100
  if (type === 'date' && typeof v === 'string') return new Date(v)
  return String(v)
}

export async function reportXlsx(report: ReportResult): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'Kith'
  const sheet = book.addWorksheet(report.title.slice(0, 31))
  sheet.columns = report.columns.map((c) => ({ header: c.label, key: c.key, width: Math.max(12, c.label.length * 2 + 4), style: numFmt[c.type] ? { numFmt: numFmt[c.type] } : {} }))
  sheet.getRow(1).font = { bold: true }
  for (const row of report.rows) sheet.addRow(Object.fromEntries(report.columns.map((c) => [c.key, xlsxValue(c.type, row[c.key])])))
  if (Object.keys(report.totals).length > 0) {
    const totals = sheet.addRow(Object.fromEntries(report.columns.map((c, i) => [c.key, i === 0 ? (report.title.match(/[\u4e00-\u9fff]/) ? '合计' : 'Total') : xlsxValue(c.type, report.totals[c.key])])))
    totals.font = { bold: true }
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
