import { createInflateRaw, type InflateRaw } from 'node:zlib'
import { fileError } from './file-error'
import type { ImportLang } from './messages'

/**
 * Bounds on what an .xlsx really inflates to. The central directory's sizes are the writer's word
 * and a hostile writer lies (1.24 MB declared small inflated to 510 MB), so the bytes are counted
 * as they come out of inflate, before the workbook reader is given the compressed bytes that
 * produce them.
 */
export const INFLATE_LIMITS = {
  maxTotal: 200 * 1024 * 1024,
  /** Past this size a part must stay under maxRatio; small parts (a few repeated tags) may compress better. */
  ratioFloor: 1024 * 1024,
  maxRatio: 250,
  /** The shared text table is held in memory whole while the sheet is read. */
  maxSharedStringsBytes: 64 * 1024 * 1024,
  maxSharedStrings: 2_000_000,
}

const SIG = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, crx: 0x34327243 }
const DESCRIPTOR = Buffer.from([0x50, 0x4b, 0x07, 0x08])
/** Inflate is fed this much at a time, so one deflate block of zeros cannot run far past a bound. */
const FEED = 16 * 1024

const mb = (n: number) => Math.round(n / 1048576)

function refusal(lang: ImportLang, what: 'lie' | 'ratio' | 'total' | 'strings' | 'stringsBytes' | 'damaged', name: string, n = 0) {
  const zh = lang === 'zh-CN'
  const text = {
    lie: zh ? `工作簿的部件 ${name} 解压后超过其声明的 ${n} 字节：疑似 ZIP 炸弹，已拒绝。` : `The workbook part ${name} inflates to more than the ${n} bytes it declares: refused as a possible zip bomb.`,
    ratio: zh ? `工作簿的部件 ${name} 解压后是其存储大小的 ${n} 倍以上：疑似 ZIP 炸弹，已拒绝。` : `The workbook part ${name} inflates to more than ${n}× its stored size: refused as a possible zip bomb.`,
    total: zh ? `工作簿解压后超过 ${mb(n)} MB：疑似 ZIP 炸弹，已拒绝。请拆分文件或另存为 CSV。` : `The workbook inflates to more than ${mb(n)} MB: refused as a possible zip bomb. Split it or save it as CSV.`,
    strings: zh ? `工作簿的共享文本表超过 ${n} 条，无法安全读取；请另存为 CSV。` : `The workbook’s shared text table has more than ${n} entries, too many to read safely; save the sheet as CSV instead.`,
    stringsBytes: zh ? `工作簿的共享文本表超过 ${mb(n)} MB，无法安全读取；请另存为 CSV。` : `The workbook’s shared text table is larger than ${mb(n)} MB, too large to read safely; save the sheet as CSV instead.`,
    damaged: zh ? `工作簿已损坏（部件 ${name} 无法解压）。` : `The workbook is damaged (the part ${name} cannot be inflated).`,
  }[what]
  return fileError(text)
}

/** What has come out of inflate so far: bytes over all entries, and items of the shared text table. */
export interface InflateMeter {
  total: number
  sharedStrings: number
}

/** Counts one entry's inflated bytes (and shared-string items) and refuses it the moment a bound is passed. */
class EntryMeter {
  private inflater: InflateRaw | null
  private out = 0
  private fed = 0
  private error: Error | null = null
  private tail = ''
  constructor(private name: string, deflated: boolean, private declared: number | null, private compressed: number | null, private meter: InflateMeter, private lang: ImportLang) {
    this.inflater = deflated ? createInflateRaw() : null
    this.inflater?.on('data', (d: Buffer) => this.count(d))
    this.inflater?.on('error', () => { this.error ??= refusal(lang, 'damaged', name) })
  }

  private count(d: Buffer) {
    if (this.error) return
    this.out += d.length
    this.meter.total += d.length
    const limits = INFLATE_LIMITS
    const stored = Math.max(this.compressed ?? this.fed, 1)
    if (this.declared !== null && this.out > this.declared) this.error = refusal(this.lang, 'lie', this.name, this.declared)
    else if (this.out > limits.ratioFloor && this.out / stored > limits.maxRatio) this.error = refusal(this.lang, 'ratio', this.name, limits.maxRatio)
    else if (this.meter.total > limits.maxTotal) this.error = refusal(this.lang, 'total', this.name, limits.maxTotal)
    else if (this.name === 'xl/sharedStrings.xml') this.countStrings(d)
  }

  /** Each <si> becomes one cached string (a prefixed x:si is no item to the reader, but counting it too errs on the safe side). */
  private countStrings(d: Buffer) {
    const text = this.tail + d.toString('latin1')
    this.meter.sharedStrings += (text.match(/<(?:[\w.-]+:)?si[\s/>]/g) ?? []).length
    // A tag cut by the chunk boundary is carried over; a complete one was counted already.
    const lt = text.lastIndexOf('<')
    const rest = lt >= 0 && text.length - lt < 40 ? text.slice(lt) : ''
    this.tail = /^<(?:[\w.-]+:)?si[\s/>]/.test(rest) ? '' : rest
    if (this.meter.sharedStrings > INFLATE_LIMITS.maxSharedStrings) this.error = refusal(this.lang, 'strings', this.name, INFLATE_LIMITS.maxSharedStrings)
    else if (this.out > INFLATE_LIMITS.maxSharedStringsBytes) this.error = refusal(this.lang, 'stringsBytes', this.name, INFLATE_LIMITS.maxSharedStringsBytes)
  }

  async feed(piece: Buffer) {
    for (let at = 0; at < piece.length && !this.error; at += FEED) {
      const part = piece.subarray(at, at + FEED)
      this.fed += part.length
      if (!this.inflater) this.count(part)
      else await new Promise<void>((resolve) => this.inflater!.write(part, () => resolve()))
    }
    if (this.error) throw this.error
  }

  async end() {
    const inflater = this.inflater
    if (inflater && !this.error) {
      await new Promise<void>((resolve) => {
        inflater.once('end', resolve).once('error', () => resolve())
        inflater.end()
      })
    }
    this.close()
    if (this.error) throw this.error
  }

  close() {
    this.inflater?.removeAllListeners('data')
    this.inflater?.destroy()
  }
}

export interface GateOptions {
  /** Uncompressed sizes the central directory declares, by part name. */
  declared: Map<string, number>
  lang: ImportLang
  /** Filled in as bytes come out: what a refused file had inflated to when it was stopped. */
  meter?: InflateMeter
}

/**
 * Inflates every entry the way the workbook reader's unzipper will meet it (local headers in file
 * order, the size from the local header, else up to the data-descriptor signature), counting what
 * comes out and refusing the file the moment a bound is passed. Run to the end before the reader
 * starts, so a refused file never reaches it (nor its temporary files).
 */
export async function measureInflated(chunks: AsyncIterable<Uint8Array>, opts: GateOptions): Promise<InflateMeter> {
  const it = chunks[Symbol.asyncIterator]()
  const meter: InflateMeter = opts.meter ?? { total: 0, sharedStrings: 0 }
  let buf: Buffer = Buffer.alloc(0)
  try {
    const more = async () => {
      const r = await it.next()
      if (r.done) return false
      // Stored chunks come back as plain Uint8Arrays on some engines.
      const chunk = Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength)
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk
      return true
    }
    const take = async (n: number) => {
      while (buf.length < n) if (!(await more())) return null
      const out = buf.subarray(0, n)
      buf = buf.subarray(n)
      return out
    }
    walk: for (;;) {
      const sig = await take(4)
      if (!sig) break
      switch (sig.readUInt32LE(0)) {
        case SIG.local: {
          const h = await take(26)
          if (!h) break walk
          const flags = h.readUInt16LE(2)
          const compressedSize = h.readUInt32LE(14)
          const nameBuf = await take(h.readUInt16LE(22))
          if (!nameBuf || !(await take(h.readUInt16LE(24)))) break walk
          const name = nameBuf.toString('utf8')
          const sizeKnown = !(flags & 0x08) || compressedSize > 0
          const declared = opts.declared.get(name) ?? (flags & 0x08 ? null : h.readUInt32LE(18))
          const entry = new EntryMeter(name, h.readUInt16LE(4) !== 0, declared, sizeKnown ? compressedSize : null, meter, opts.lang)
          try {
            if (sizeKnown) {
              for (let left = compressedSize; left > 0;) {
                if (!buf.length && !(await more())) break walk
                const piece = buf.subarray(0, Math.min(left, buf.length))
                buf = buf.subarray(piece.length)
                left -= piece.length
                await entry.feed(piece)
              }
            } else {
              for (;;) {
                const at = buf.indexOf(DESCRIPTOR)
                // Up to 3 bytes may be the start of a signature split across chunks: kept for the next round.
                const upTo = at >= 0 ? at : Math.max(0, buf.length - 3)
                await entry.feed(buf.subarray(0, upTo))
                buf = buf.subarray(upTo)
                if (at >= 0) break
                if (!(await more())) break walk
              }
              if (!(await take(16))) break walk
            }
            await entry.end()
          } finally {
            entry.close()
          }
          break
        }
        case SIG.central: {
          const h = await take(42)
          if (!h || !(await take(h.readUInt16LE(24) + h.readUInt16LE(26) + h.readUInt16LE(28)))) break walk
          break
        }
        case SIG.crx: {
          const h = await take(12)
          if (!h || !(await take(h.readUInt32LE(4) + h.readUInt32LE(8)))) break walk
          break
        }
        default:
          // The end record, or bytes unzipper skips (after the directory) or fails on (before it): nothing more is inflated.
          break walk
      }
    }
    return meter
  } finally {
    await it.return?.()
  }
}
