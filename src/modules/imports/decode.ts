import chardet from 'chardet'
import iconv from 'iconv-lite'

/**
 * Text encoding and CSV dialect of an upload, from its first bytes. Chinese Excel saves "CSV"
 * as GBK, newer ones as UTF-8 with a BOM, "Unicode text" as UTF-16LE with tabs: all are common.
 */
export function detectEncoding(sample: Buffer): string {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8'
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le'
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be'
  // UTF-16 without a BOM: ASCII text has a zero in every other byte.
  const pairs = Math.min(sample.length >> 1, 2000)
  let evenZero = 0
  let oddZero = 0
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZero++
    if (sample[2 * i + 1] === 0) oddZero++
  }
  if (pairs > 4 && oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le'
  if (pairs > 4 && evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be'
  if (isUtf8(sample)) return 'utf-8'
  const guess = (chardet.detect(sample) ?? '').toLowerCase()
  // GB18030 decodes every GBK and GB2312 byte sequence, and chardet often names a Chinese file EUC-KR/Big5 on short samples.
  if (guess.startsWith('big5')) return 'big5'
  if (/^(gb|euc-kr|euc-jp|shift_jis)/.test(guess) || hasGbPairs(sample)) return 'gb18030'
  if (guess && iconv.encodingExists(guess)) return guess
  return 'windows-1252'
}

/** Valid UTF-8, allowing a multi-byte character cut off by the end of the sample. */
function isUtf8(sample: Buffer): boolean {
  let end = sample.length
  // Back off over at most 3 continuation bytes and their lead byte at the cut.
  for (let k = 1; k <= 3 && end - k >= 0; k++) {
    const b = sample[end - k]!
    if ((b & 0xc0) === 0x80) continue
    if (b >= 0xc0) end -= k
    break
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end))
    return true
  } catch {
    return false
  }
}

/** Byte pairs in the GBK double-byte ranges (lead 0x81–0xFE, trail 0x40–0xFE). */
function hasGbPairs(sample: Buffer): boolean {
  let pairs = 0
  for (let i = 0; i + 1 < sample.length; i++) {
    const a = sample[i]!
    if (a < 0x80) continue
    const b = sample[i + 1]!
    if (a >= 0x81 && a <= 0xfe && b >= 0x40 && b <= 0xfe && b !== 0x7f) {
      pairs++
      i++
    } else return false
  }
  return pairs > 0
}

const CANDIDATES = [',', ';', '\t', '|'] as const

/**
 * The delimiter that splits the first lines into the same, largest number of cells. Quoted
 * text is skipped, so "Beijing, China" in quotes does not vote for the comma.
 */
export function sniffDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/).filter((l) => l.trim() !== '').slice(0, 20)
  if (lines.length > 1 && text.length >= 65536) lines.pop() // the last line of a sample may be cut off
  let best: { d: string; score: number } = { d: ',', score: 0 }
  for (const d of CANDIDATES) {
    const counts = lines.map((l) => countOutsideQuotes(l, d))
    const first = counts[0] ?? 0
    if (first === 0) continue
    const consistent = counts.filter((c) => c === first).length / counts.length
    const score = consistent * 1000 + first
    if (score > best.score) best = { d, score }
  }
  return best.d
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0
  let quoted = false
  for (const ch of line) {
    if (ch === '"') quoted = !quoted
    else if (ch === d && !quoted) n++
  }
  return n
}

export const decodeSample = (sample: Buffer, encoding: string) => iconv.decode(sample, encoding)
