import { inflateRawSync } from 'node:zlib'
import { fileError } from './file-error'
import type { ByteSource } from './source'

/**
 * Checks an .xlsx before the streaming reader inflates it: it must be a zip, with few entries,
 * a bounded total size and a sane compression ratio. A zip bomb (kilobytes that inflate to
 * gigabytes) is refused from its central directory, before a byte is inflated.
 */
export const ZIP_LIMITS = {
  maxEntries: 5000,
  maxTotalUncompressed: 1536 * 1024 * 1024,
  maxEntryUncompressed: 1024 * 1024 * 1024,
  /** Spreadsheet XML compresses 5–30×; bombs 1000× and more. */
  maxRatio: 250,
  maxSharedStrings: 256 * 1024 * 1024,
}

export interface ZipEntry {
  name: string
  compressedSize: number
  uncompressedSize: number
  method: number
  localOffset: number
}

export async function readCentralDirectory(src: ByteSource): Promise<ZipEntry[]> {
  const notZip = () => fileError('The file is not a valid .xlsx workbook (it is not a zip archive). Save it again from Excel as .xlsx, or as CSV.')
  if (src.size < 22) throw notZip()
  const tail = await src.range(src.size - Math.min(src.size, 65557), src.size)
  let eocd = -1
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw notZip()
  const count = tail.readUInt16LE(eocd + 10)
  const cdSize = tail.readUInt32LE(eocd + 12)
  const cdOffset = tail.readUInt32LE(eocd + 16)
  if (count === 0xffff || cdOffset === 0xffffffff) throw fileError('The workbook is too large (ZIP64 archives are not supported); split it or save it as CSV.')
  if (count > ZIP_LIMITS.maxEntries) throw fileError(`The workbook has ${count} parts; at most ${ZIP_LIMITS.maxEntries} are accepted.`)
  if (cdOffset + cdSize > src.size || cdSize > 16 * 1024 * 1024) throw notZip()
  const cd = await src.range(cdOffset, cdOffset + cdSize)
  const entries: ZipEntry[] = []
  let p = 0
  let total = 0
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw notZip()
    const method = cd.readUInt16LE(p + 10)
    const compressedSize = cd.readUInt32LE(p + 20)
    const uncompressedSize = cd.readUInt32LE(p + 24)
    const nameLen = cd.readUInt16LE(p + 28)
    const extraLen = cd.readUInt16LE(p + 30)
    const commentLen = cd.readUInt16LE(p + 32)
    const localOffset = cd.readUInt32LE(p + 42)
    const name = cd.toString('utf8', p + 46, p + 46 + nameLen)
    p += 46 + nameLen + extraLen + commentLen
    total += uncompressedSize
    const ratio = uncompressedSize / Math.max(compressedSize, 1)
    if (uncompressedSize > ZIP_LIMITS.maxEntryUncompressed || total > ZIP_LIMITS.maxTotalUncompressed || (uncompressedSize > 1024 * 1024 && ratio > ZIP_LIMITS.maxRatio)) {
      throw fileError(`The workbook part ${name} would inflate to ${Math.round(uncompressedSize / 1048576)} MB (${Math.round(ratio)}× its stored size): refused as a possible zip bomb.`)
    }
    if (name === 'xl/sharedStrings.xml' && uncompressedSize > ZIP_LIMITS.maxSharedStrings) {
      throw fileError('The workbook’s shared text table is too large to read safely; save the sheet as CSV instead.')
    }
    entries.push({ name, compressedSize, uncompressedSize, method, localOffset })
  }
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw fileError('The zip archive is not an Excel workbook (no xl/workbook.xml). Save it as .xlsx or CSV.')
  return entries
}

/** Inflates one small entry (workbook.xml), capped at its declared size. */
async function readEntry(src: ByteSource, e: ZipEntry): Promise<string> {
  const local = await src.range(e.localOffset, e.localOffset + 30)
  if (local.length < 30 || local.readUInt32LE(0) !== 0x04034b50) throw fileError('The workbook is damaged (bad zip entry).')
  const start = e.localOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
  const data = await src.range(start, start + e.compressedSize)
  if (e.method === 0) return data.toString('utf8')
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(e.uncompressedSize, 1) }).toString('utf8')
  } catch {
    throw fileError('The workbook is damaged (a part cannot be inflated).')
  }
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_m, g: string) =>
    g === 'lt' ? '<' : g === 'gt' ? '>' : g === 'quot' ? '"' : g === 'apos' ? "'" : g === 'amp' ? '&'
      : String.fromCodePoint(g[1] === 'x' || g[1] === 'X' ? parseInt(g.slice(2), 16) : parseInt(g.slice(1), 10)))

/** Sheet names in workbook order. */
export async function sheetNames(src: ByteSource, entries: ZipEntry[]): Promise<string[]> {
  const wb = entries.find((e) => e.name === 'xl/workbook.xml')!
  if (wb.uncompressedSize > 16 * 1024 * 1024) throw fileError('The workbook index is too large.')
  const xml = await readEntry(src, wb)
  return [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescapeXml(m[1]!))
}
