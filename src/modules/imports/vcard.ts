import iconv from 'iconv-lite'
import { detectEncoding } from './decode'
import type { RawRecord } from './readers'
import type { ByteSource } from './source'

/**
 * vCard address books (.vcf, versions 2.1, 3.0 and 4.0) read as a table of one row per card, so
 * the mapping, dry run, dedupe and errors.csv of a CSV import apply to them unchanged. The header
 * names match the contact fields' own synonyms, so the proposed mapping needs no vCard knowledge.
 *
 * Written here rather than taken from npm: the parsers there (ical.js, vcf) read 3.0/4.0 only,
 * while phones and Outlook still export 2.1 with quoted-printable values in a CHARSET of their own.
 */
export const VCARD_COLUMNS = ['Name', 'Company', 'Title', 'Email', 'Phone', 'Other emails', 'Other phones'] as const

/** Cards are numbered by the line of their BEGIN:VCARD (what a text editor shows); the made-up header comes before line 1. */
export const VCARD_HEADER_ROW = 0

export const isVcardText = (text: string) => /^\s*BEGIN:VCARD[ \t]*(\r?\n|$)/i.test(text.replace(/^\uFEFF/, ''))

/** A photo, logo or key is binary and can be megabytes: never held in memory. */
const BINARY = new Set(['PHOTO', 'LOGO', 'SOUND', 'KEY'])
/** Longer logical lines (a 4 MB NOTE) are dropped, not buffered. */
const MAX_LINE = 256 * 1024

interface Property {
  name: string
  params: Map<string, string[]>
  /** TYPE values and 2.1's bare parameters (TEL;CELL;PREF), lower case. */
  types: string[]
  /** The value as bytes (latin1 string), before any decoding. */
  raw: string
}

export async function* readVcards(src: ByteSource, encoding: string | null): AsyncGenerator<RawRecord> {
  yield { row: VCARD_HEADER_ROW, cells: [...VCARD_COLUMNS] }
  const utf16 = encoding?.startsWith('utf-16') ?? false
  // UTF-16 files are turned into UTF-8 first: the reader splits lines on bytes.
  const bytes = utf16 ? transcode(src.stream(), encoding!) : src.stream()
  const fileCharset = utf16 ? 'utf-8' : (encoding ?? 'utf-8')
  let card: Property[] | null = null
  let depth = 0
  let start = 0
  for await (const { line, number } of logicalLines(physicalLines(bytes))) {
    const upper = line.trim().toUpperCase()
    if (upper === 'BEGIN:VCARD') {
      if (depth++ === 0) {
        card = []
        start = number
      }
      continue
    }
    if (upper === 'END:VCARD') {
      if (depth > 0 && --depth === 0 && card) {
        yield { row: start, cells: cardCells(card, fileCharset) }
        card = null
      }
      continue
    }
    // 2.1's AGENT embeds a whole card: its properties are not this person's.
    if (card && depth === 1) {
      const p = parseProperty(line)
      if (p) card.push(p)
    }
  }
  // A last card cut off before its END:VCARD still holds what it holds.
  if (card && card.length) yield { row: start, cells: cardCells(card, fileCharset) }
}

async function* transcode(chunks: AsyncIterable<Buffer>, encoding: string): AsyncGenerator<Buffer> {
  const decoder = iconv.getDecoder(encoding)
  for await (const c of chunks) yield Buffer.from(decoder.write(Buffer.from(c.buffer, c.byteOffset, c.byteLength)), 'utf-8')
  const rest = decoder.end()
  if (rest) yield Buffer.from(rest, 'utf-8')
}

interface Physical {
  text: string
  number: number
  /** Longer than MAX_LINE: only its start is kept. */
  cut: boolean
}

/** Lines as latin1 strings (one char a byte, so any charset can still be decoded later), numbered from 1. */
async function* physicalLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<Physical> {
  let pending = ''
  let cut = false
  let number = 0
  for await (const chunk of chunks) {
    // The database driver may hand back a plain Uint8Array, whose toString ignores the encoding.
    let text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1')
    if (number === 0 && pending === '' && text.startsWith('\xef\xbb\xbf')) text = text.slice(3)
    let from = 0
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      const piece = pending + text.slice(from, nl)
      yield { text: piece.endsWith('\r') ? piece.slice(0, -1) : piece, number: ++number, cut }
      pending = ''
      cut = false
      from = nl + 1
    }
    pending += text.slice(from)
    if (pending.length > MAX_LINE) {
      pending = pending.slice(0, 1024)
      cut = true
    }
  }
  if (pending !== '') yield { text: pending.endsWith('\r') ? pending.slice(0, -1) : pending, number: ++number, cut }
}

/**
 * Unfolds lines: a line starting with a space or tab continues the one before (all versions), and
 * so does any line after a quoted-printable value ending in "=" (2.1's soft line break).
 */
async function* logicalLines(lines: AsyncIterable<Physical>): AsyncGenerator<{ line: string; number: number }> {
  let current: string | null = null
  let number = 0
  let qp = false
  let skip = false
  for await (const l of lines) {
    const continues = current !== null && (l.text.startsWith(' ') || l.text.startsWith('\t') || (qp && current.endsWith('=')))
    if (continues) {
      if (skip) continue
      const more = l.text.startsWith(' ') || l.text.startsWith('\t') ? l.text.slice(1) : l.text
      current = qp && current!.endsWith('=') ? current!.slice(0, -1) + more : current + more
      if (current!.length > MAX_LINE || l.cut) skip = true
      continue
    }
    if (current !== null && !skip) yield { line: current, number }
    current = l.text
    number = l.number
    const prefix = propertyPrefix(l.text)
    qp = /QUOTED-PRINTABLE/i.test(prefix)
    const name = prefix.split(/[;:]/, 1)[0]!.split('.').pop()!.toUpperCase()
    skip = l.cut || BINARY.has(name)
  }
  if (current !== null && !skip) yield { line: current, number }
}

/** Everything before the value's colon (a quoted parameter may hold a colon). */
function propertyPrefix(line: string): string {
  const i = valueColon(line)
  return i === -1 ? line : line.slice(0, i)
}

function valueColon(line: string): number {
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]
    if (ch === '"') quoted = !quoted
    else if (ch === ':' && !quoted) return i
  }
  return -1
}

function parseProperty(line: string): Property | null {
  const colon = valueColon(line)
  // A line with no colon is a 2.1 photo's unindented base64, or noise.
  if (colon <= 0) return null
  const parts = splitOutsideQuotes(line.slice(0, colon), ';')
  const name = parts[0]!.split('.').pop()!.trim().toUpperCase()
  const params = new Map<string, string[]>()
  const types: string[] = []
  for (const p of parts.slice(1)) {
    const eq = p.indexOf('=')
    const key = (eq === -1 ? 'TYPE' : p.slice(0, eq)).trim().toUpperCase()
    const values = (eq === -1 ? p : p.slice(eq + 1)).split(',').map((v) => v.trim().replace(/^"|"$/g, ''))
    // 2.1 writes encodings and charsets bare, too (TEL;QUOTED-PRINTABLE:…).
    const bare = eq === -1 ? values[0]!.toUpperCase() : ''
    const k = bare === 'QUOTED-PRINTABLE' || bare === 'BASE64' || bare === '8BIT' ? 'ENCODING' : key
    params.set(k, [...(params.get(k) ?? []), ...values])
    if (k === 'TYPE') types.push(...values.map((v) => v.toLowerCase()))
  }
  return { name, params, types, raw: line.slice(colon + 1) }
}

function splitOutsideQuotes(s: string, sep: string): string[] {
  const out: string[] = []
  let quoted = false
  let from = 0
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '"') quoted = !quoted
    else if (s[i] === sep && !quoted) {
      out.push(s.slice(from, i))
      from = i + 1
    }
  }
  out.push(s.slice(from))
  return out
}

/** The value as text: quoted-printable undone, then its bytes read in the property's CHARSET (or the file's). */
function decodeValue(p: Property, fileCharset: string): string | null {
  const encoding = (p.params.get('ENCODING')?.[0] ?? '').toUpperCase()
  if (encoding === 'B' || encoding === 'BASE64') return null
  const qp = encoding === 'QUOTED-PRINTABLE'
  const bytes = qp ? quotedPrintable(p.raw) : Buffer.from(p.raw, 'latin1')
  const named = p.params.get('CHARSET')?.[0]?.toLowerCase()
  // GB18030 reads every GB2312 and GBK byte sequence; Outlook writes the older names.
  const charset = named && /^(gb2312|gbk|cp936|gb18030|x-gbk)$/.test(named) ? 'gb18030'
    : named && iconv.encodingExists(named) ? named
    : qp ? detectEncoding(bytes)
    : fileCharset
  return iconv.decode(bytes, charset)
}

function quotedPrintable(s: string): Buffer {
  const out: number[] = []
  for (let i = 0; i < s.length; i++) {
    const hex = s[i] === '=' ? s.slice(i + 1, i + 3) : ''
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(Number.parseInt(hex, 16))
      i += 2
    } else if (s[i] !== '=') out.push(s.charCodeAt(i) & 0xff)
  }
  return Buffer.from(out)
}

const unescape = (s: string) => s.replace(/\\([\\;,nN])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c))

/** The components of a structured value (N, ORG): split on the semicolons that are not escaped. */
function components(text: string): string[] {
  const out: string[] = []
  let from = 0
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === ';') {
      out.push(unescape(text.slice(from, i)).trim())
      from = i + 1
    }
  }
  out.push(unescape(text.slice(from)).trim())
  return out
}

const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/

/** N's family;given;additional;prefixes;suffixes as one name: 张三 in Chinese order, "Dr. John Smith" otherwise. */
function nameFromN(n: string[]): string {
  const [family = '', given = '', middle = '', prefix = '', suffix = ''] = n
  if (CJK.test(family + given)) return `${family}${given}`
  return [prefix, given, middle, family, suffix].filter(Boolean).join(' ')
}

/** PREF=1 (4.0) or TYPE=pref (2.1, 3.0) first, then in the card's order. */
function rank(p: Property): number {
  const pref = Number(p.params.get('PREF')?.[0])
  if (Number.isInteger(pref) && pref > 0) return pref
  return p.types.includes('pref') ? 1 : 101
}

function cardCells(props: Property[], fileCharset: string): string[] {
  const text = (name: string) => {
    const p = props.find((x) => x.name === name)
    return p ? decodeValue(p, fileCharset) ?? '' : ''
  }
  const many = (name: string, clean: (v: string) => string) => {
    const seen = new Set<string>()
    return props
      .filter((p) => p.name === name)
      .map((p, i) => ({ p, i }))
      .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
      .map(({ p }) => clean(unescape(decodeValue(p, fileCharset) ?? '').trim()))
      .filter((v) => v !== '' && !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()))
  }
  const name = unescape(text('FN')).trim() || nameFromN(components(text('N')))
  const company = components(text('ORG'))[0] ?? ''
  const emails = many('EMAIL', (v) => v.replace(/^mailto:/i, ''))
  // 4.0 may write a phone as a tel: URI, with its extension as a parameter.
  const phones = many('TEL', (v) => v.replace(/^tel:/i, '').replace(/;ext=(\d+)/i, ' ext. $1'))
  return [name, company, unescape(text('TITLE')).trim(), emails[0] ?? '', phones[0] ?? '', emails.slice(1).join('; '), phones.slice(1).join('; ')]
}
