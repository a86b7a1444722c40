import { readFileSync } from 'node:fs'
import { formatDate } from '../../lib/time-zone'
import { createRequire } from 'node:module'
import PDFDocument from 'pdfkit'
import { decodeLogo } from '../company/company.logo'
import type { CompanyProfile } from '../company/company.schema'
import { rmbCapital } from '../../lib/rmb-capital'
import type { CustomerAddress } from '../customers/customers.table'
import { displayNumber } from './quotes.model'
import type { Quote } from './quotes.schema'

const require = createRequire(import.meta.url)
let fonts: { regular: Buffer; bold: Buffer } | undefined
/** Noto Sans SC covers Chinese and Latin; pdfkit embeds only the glyphs used, so a quote stays small. */
const loadFonts = () =>
  (fonts ??= {
    regular: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf')),
    bold: readFileSync(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf')),
  })

const LABELS = {
  'zh-CN': {
    title: '报价单', number: '报价单号', date: '日期', validUntil: '有效期至', customer: '客户', contact: '联系人', taxId: '税号',
    sku: '编号', description: '品名 / 描述', quantity: '数量', unitPrice: '单价', discount: '折扣', tax: '税率', amount: '金额',
    subtotal: '小计', discountTotal: '折扣', taxTotal: '税额', total: '合计', notes: '备注', terms: '条款', page: (n: number, of: number) => `第 ${n} / ${of} 页`,
    tel: '电话', email: '邮箱',
  },
  en: {
    title: 'Quotation', number: 'Quote no.', date: 'Date', validUntil: 'Valid until', customer: 'Customer', contact: 'Contact', taxId: 'Tax ID',
    sku: 'SKU', description: 'Description', quantity: 'Qty', unitPrice: 'Unit price', discount: 'Disc.', tax: 'Tax', amount: 'Amount',
    subtotal: 'Subtotal', discountTotal: 'Discount', taxTotal: 'Tax', total: 'Total', notes: 'Notes', terms: 'Terms', page: (n: number, of: number) => `Page ${n} of ${of}`,
    tel: 'Tel', email: 'E-mail',
  },
} as const

export interface QuotePdfInput {
  quote: Quote
  company: CompanyProfile
  customer: { name: string; address: CustomerAddress | null; email: string | null }
}

const INK = '#1f2329'
const MUTED = '#646a73'
const RULE = '#d0d3d6'
const ACCENT = '#1677ff'

const addressText = (a: CustomerAddress | null, lang: 'zh-CN' | 'en') => {
  if (!a) return ''
  const parts = [a.country, a.region, a.city, a.street].filter((p): p is string => Boolean(p && p.trim()))
  const text = lang === 'zh-CN' ? parts.join('') : [...parts].reverse().join(', ')
  return [text, a.postalCode].filter(Boolean).join(lang === 'zh-CN' ? ' ' : ' ')
}

/**
 * A printable A4 quote in the quote's language: company header with logo, quote number and dates,
 * customer, a lines table that wraps long (Chinese) text and repeats its header on each page,
 * totals, notes and terms, and page numbers. Returns the document as a stream (ended).
 */
export function renderQuotePdf({ quote: q, company, customer }: QuotePdfInput): PDFKit.PDFDocument {
  const L = LABELS[q.language]
  const f = loadFonts()
  const doc = new PDFDocument({
    size: 'A4', margin: 40, bufferPages: true,
    info: { Title: `${L.title} ${displayNumber(q)}`, Author: company.name || 'Kith', Subject: q.customerName, Creator: 'Kith CRM' },
  })
  doc.registerFont('R', f.regular)
  doc.registerFont('B', f.bold)
  const money = new Intl.NumberFormat(q.language, { style: 'currency', currency: q.currency })
  const fmt = (v: string) => money.format(v as unknown as number)
  const num = new Intl.NumberFormat(q.language, { maximumFractionDigits: 4 })
  const fmtNum = (v: string) => num.format(v as unknown as number)
  // The quote's date on the company's calendar (a server in UTC would date a 03:54 Beijing quote the day before).
  const fmtDate = (d: string) => formatDate(d, company.timeZone, q.language)

  const left = doc.page.margins.left
  const width = doc.page.width - left - doc.page.margins.right
  const bottom = () => doc.page.height - doc.page.margins.bottom - 20

  // Header: logo and company on the left, title and quote facts on the right.
  let y = doc.page.margins.top
  let textX = left
  const logo = company.logo ? decodeLogo(company.logo) : null
  if (logo) {
    try {
      doc.image(logo.bytes, left, y, { fit: [110, 48] })
      textX = left + 122
    } catch {
      // A logo pdfkit cannot read (an exotic PNG) must not cost the customer his quote.
    }
  }
  const rightX = left + width - 190
  const companyWidth = rightX - textX - 12
  doc.font('B').fontSize(15).fillColor(INK).text(company.name || ' ', textX, y, { width: companyWidth })
  doc.font('R').fontSize(8.5).fillColor(MUTED)
  const companyLines = [
    company.address,
    [company.phone && `${L.tel} ${company.phone}`, company.email && `${L.email} ${company.email}`].filter(Boolean).join('   '),
    company.website,
    company.taxId && `${L.taxId} ${company.taxId}`,
  ].filter(Boolean) as string[]
  for (const line of companyLines) doc.text(line, textX, doc.y + 1, { width: companyWidth })
  const headerBottom = Math.max(doc.y, y + 48)

  doc.font('B').fontSize(20).fillColor(ACCENT).text(L.title, rightX, y, { width: 190, align: 'right' })
  doc.font('R').fontSize(9).fillColor(INK)
  const facts: [string, string][] = [[L.number, displayNumber(q)], [L.date, fmtDate(q.createdAt)], [L.validUntil, fmtDate(q.validUntil)]]
  let fy = doc.y + 4
  for (const [label, value] of facts) {
    doc.fillColor(MUTED).text(label, rightX, fy, { width: 70 })
    doc.fillColor(INK).text(value, rightX + 70, fy, { width: 120, align: 'right' })
    fy = doc.y + 2
  }
  y = Math.max(headerBottom, fy) + 12
  doc.moveTo(left, y).lineTo(left + width, y).lineWidth(1).strokeColor(ACCENT).stroke()
  y += 12

  // Customer.
  doc.font('R').fontSize(8.5).fillColor(MUTED).text(L.customer, left, y)
  doc.font('B').fontSize(11).fillColor(INK).text(q.customerName, left, doc.y + 1, { width: width / 2 })
  doc.font('R').fontSize(9).fillColor(INK)
  const addr = addressText(customer.address, q.language)
  if (addr) doc.text(addr, left, doc.y + 1, { width: width / 2 })
  if (q.contactName) doc.text(`${L.contact}: ${q.contactName}${q.contactEmail ? `  ${q.contactEmail}` : ''}`, left, doc.y + 1, { width: width / 2 })
  else if (customer.email) doc.text(customer.email, left, doc.y + 1, { width: width / 2 })
  y = doc.y + 16

  // Lines.
  const cols = [
    { key: '#', label: '#', w: 18, align: 'left' as const },
    { key: 'sku', label: L.sku, w: 62, align: 'left' as const },
    { key: 'description', label: L.description, w: 181, align: 'left' as const },
    { key: 'quantity', label: L.quantity, w: 42, align: 'right' as const },
    { key: 'unitPrice', label: L.unitPrice, w: 70, align: 'right' as const },
    { key: 'discount', label: L.discount, w: 36, align: 'right' as const },
    { key: 'tax', label: L.tax, w: 36, align: 'right' as const },
    { key: 'amount', label: L.amount, w: width - 18 - 62 - 181 - 42 - 70 - 36 - 36, align: 'right' as const },
  ]
  const pad = 4
  const tableHeader = () => {
    doc.rect(left, y, width, 20).fill('#f2f3f5')
    doc.font('B').fontSize(8.5).fillColor(INK)
    let x = left
    for (const c of cols) {
      doc.text(c.label, x + pad, y + 5, { width: c.w - 2 * pad, align: c.align, lineBreak: false })
      x += c.w
    }
    y += 20
  }
  tableHeader()
  doc.font('R').fontSize(9)
  q.lines.forEach((l, i) => {
    const cells: Record<string, string> = {
      '#': String(i + 1), sku: l.sku ?? '', description: l.description, quantity: fmtNum(l.quantity), unitPrice: fmt(l.unitPrice),
      discount: Number(l.discountPercent) ? `${fmtNum(l.discountPercent)}%` : '—', tax: `${fmtNum(l.taxRate)}%`, amount: fmt(l.amount),
    }
    doc.font('R').fontSize(9)
    const h = Math.max(...cols.map((c) => doc.heightOfString(cells[c.key]!, { width: c.w - 2 * pad }))) + 2 * pad + 2
    if (y + h > bottom()) {
      doc.addPage()
      y = doc.page.margins.top
      tableHeader()
      doc.font('R').fontSize(9)
    }
    let x = left
    for (const c of cols) {
      doc.fillColor(c.key === 'sku' ? MUTED : INK).text(cells[c.key]!, x + pad, y + pad + 1, { width: c.w - 2 * pad, align: c.align })
      x += c.w
    }
    y += h
    doc.moveTo(left, y).lineTo(left + width, y).lineWidth(0.5).strokeColor(RULE).stroke()
  })

  // Totals, kept together on one page.
  const rows: [string, string, boolean][] = [
    [L.subtotal, fmt(q.subtotal), false],
    ...(Number(q.discountTotal) ? [[L.discountTotal, `−${fmt(q.discountTotal)}`, false] as [string, string, boolean]] : []),
    [L.taxTotal, fmt(q.taxTotal), false],
    [L.total, fmt(q.total), true],
  ]
  if (y + 12 + rows.length * 18 > bottom()) {
    doc.addPage()
    y = doc.page.margins.top
  }
  y += 10
  const tx = left + width - 230
  for (const [label, value, strong] of rows) {
    if (strong) {
      doc.moveTo(tx, y).lineTo(left + width, y).lineWidth(1).strokeColor(INK).stroke()
      y += 5
    }
    doc.font(strong ? 'B' : 'R').fontSize(strong ? 12 : 9.5).fillColor(strong ? INK : MUTED).text(label, tx, y, { width: 100 })
    doc.fillColor(INK).text(value, tx + 100, y, { width: 130, align: 'right' })
    y = doc.y + 4
  }
  // 人民币大写 under a Chinese quote's total, as invoices and contracts carry it.
  if (q.language === 'zh-CN' && q.currency === 'CNY' && !q.total.startsWith('-')) {
    doc.font('R').fontSize(9).fillColor(MUTED).text(`人民币大写：${rmbCapital(q.total)}`, left, y, { width, align: 'right' })
    y = doc.y + 4
  }

  // Notes and terms.
  for (const [label, body] of [[L.notes, q.notes], [L.terms, company.quoteTerms]] as const) {
    if (!body) continue
    doc.font('R').fontSize(9)
    if (y + 30 > bottom()) {
      doc.addPage()
      y = doc.page.margins.top
    }
    y += 10
    doc.font('B').fontSize(9.5).fillColor(INK).text(label, left, y)
    doc.font('R').fontSize(9).fillColor(INK).text(body, left, doc.y + 2, { width })
    y = doc.y
  }

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange()
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i)
    const saved = doc.page.margins.bottom
    doc.page.margins.bottom = 0 // writing into the margin must not start a new page
    doc.font('R').fontSize(8).fillColor(MUTED)
    doc.text(`${displayNumber(q)} · ${L.page(i + 1, range.count)}`, left, doc.page.height - 28, { width, align: 'center', lineBreak: false })
    doc.page.margins.bottom = saved
  }
  doc.end()
  return doc
}

/** The whole PDF in memory (an e-mail attachment). */
export function pdfBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
}
