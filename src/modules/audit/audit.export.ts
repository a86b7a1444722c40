import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { createReadStream, type WriteStream } from 'node:fs'
import { open } from 'node:fs/promises'
import { basename } from 'node:path'
import { createInterface } from 'node:readline'
import type { Db } from '../../db/database'
import { recordAudit } from './audit.service'
import { chainAnchors, chainHeads, exportBatch, prefixEnd, removePrefix, type ChainPoint } from './audit.chain.repository'
import { genesisHash } from './audit.verify'

/**
 * The export file, JSON Lines: a header naming each chain's exported range and the hash it
 * continues from; one line per row {c, s, h, r} where r is exactly the text the row's hash covers
 * (so the file verifies without a database), or, for a row a privacy erasure redacted, {c, s, h,
 * r, redacted: true} with r its redacted text, whose link still holds but whose content cannot
 * match its hash (the signature vouches for the mark); a summary with each chain's last hash; and last a
 * signature line, HMAC-SHA256 of every byte before it under a key derived from KITH_SECRET.
 */
export const EXPORT_FORMAT = 'kith-audit-export'
const CHECKPOINT_ROWS = 100_000

const signingKey = (secret: string) => createHmac('sha256', secret).update('kith audit export v1').digest()
const rowHash = (prev: string, row: string) => createHash('sha256').update(Buffer.from(prev, 'hex')).update(row, 'utf8').digest('hex')

interface Range { chain: number; after: number; prev: string; to: number }

export interface ExportResult {
  rows: number
  chains: { chain: number; from: number; to: number; last: string }[]
  /** sha256 of the whole file, recorded with each anchor when rows are removed. */
  digest: string
  removed: number
}

class Sink {
  private readonly hmac: ReturnType<typeof createHmac>
  private readonly sha = createHash('sha256')
  private failure: Error | null = null
  private constructor(private readonly out: WriteStream, secret: string) {
    this.hmac = createHmac('sha256', signingKey(secret))
    // A write error (disk full) surfaces at the next line or at close, never as an uncaught event.
    out.on('error', (err) => (this.failure ??= err))
  }
  /** wx: an existing file (an earlier export) is never overwritten; refused here, before any work. */
  static async open(path: string, secret: string) {
    const handle = await open(path, 'wx', 0o600)
    return new Sink(handle.createWriteStream(), secret)
  }
  async line(value: unknown, signed = true) {
    if (this.failure) throw this.failure
    const text = `${JSON.stringify(value)}\n`
    if (signed) this.hmac.update(text)
    this.sha.update(text)
    if (!this.out.write(text)) await new Promise<void>((resolve) => this.out.once('drain', () => resolve()).once('close', () => resolve()))
  }
  async close(): Promise<string> {
    await this.line({ signature: `hmac-sha256:${this.hmac.digest('hex')}` }, false)
    if (!this.out.closed) await new Promise<void>((resolve) => this.out.once('close', resolve).end())
    if (this.failure) throw this.failure
    return this.sha.digest('hex')
  }
  async abort() {
    if (!this.out.closed) await new Promise<void>((resolve) => this.out.once('close', resolve).end())
  }
}

/**
 * Writes every chain's rows older than `before` to `out`, checking each link on the way (a broken
 * chain is not exported, so removal can never hide tampering), and with `remove` then deletes them
 * through audit_remove_prefix, in steps that each record the anchor the chain now starts from.
 */
export async function exportAudit(db: Db, opts: { before: Date; out: string; secret: string; remove?: boolean; batchSize?: number }): Promise<ExportResult> {
  const heads = await chainHeads(db)
  const anchors = new Map((await chainAnchors(db)).map((a) => [a.chain, a]))
  const ranges: Range[] = []
  for (const head of heads) {
    const from: ChainPoint = anchors.get(head.chain) ?? { chain: head.chain, seq: 0, hash: genesisHash(head.chain) }
    const to = await prefixEnd(db, head.chain, opts.before, head.seq)
    if (to > from.seq) ranges.push({ chain: head.chain, after: from.seq, prev: from.hash, to })
  }
  const sink = await Sink.open(opts.out, opts.secret)
  const result: ExportResult = { rows: 0, chains: [], digest: '', removed: 0 }
  const checkpoints: ChainPoint[] = []
  try {
    await sink.line({ format: EXPORT_FORMAT, version: 1, createdAt: new Date().toISOString(), before: opts.before.toISOString(), chains: ranges })
    for (const range of ranges) {
      let { after: seq, prev } = range
      while (seq < range.to) {
        const batch = await exportBatch(db, range.chain, seq, range.to, opts.batchSize ?? 20_000)
        if (batch.length === 0) break
        for (const r of batch) {
          if (r.seq !== seq + 1 || r.prev !== prev || (!r.redacted && rowHash(prev, r.row) !== r.hash)) {
            throw new Error(`chain ${range.chain} is broken at row ${seq + 1}: nothing exported; run kith audit verify`)
          }
          await sink.line({ c: range.chain, s: r.seq, h: r.hash, r: r.row, ...(r.redacted ? { redacted: true } : {}) })
          seq = r.seq
          prev = r.hash
          if (++result.rows % CHECKPOINT_ROWS === 0) checkpoints.push({ chain: range.chain, seq, hash: prev })
        }
      }
      if (seq !== range.to) throw new Error(`chain ${range.chain}: rows ${seq + 1}–${range.to} are missing: nothing exported; run kith audit verify`)
      result.chains.push({ chain: range.chain, from: range.after + 1, to: seq, last: prev })
      checkpoints.push({ chain: range.chain, seq, hash: prev })
    }
    await sink.line({ rows: result.rows, ends: result.chains.map((c) => ({ chain: c.chain, seq: c.to, hash: c.last })) })
    result.digest = await sink.close()
  } catch (err) {
    await sink.abort()
    const { rm } = await import('node:fs/promises')
    await rm(opts.out, { force: true })
    throw err
  }
  // The file is on disk before any row goes.
  const fd = await open(opts.out, 'r')
  await fd.sync()
  await fd.close()
  if (opts.remove) {
    for (const point of checkpoints) {
      result.removed += await db.transaction().execute((trx) => removePrefix(trx, { ...point, fileDigest: result.digest }))
    }
    await recordAudit(db, { actor: null, requestId: 'kith audit export' }, [{
      action: 'purge', entity: 'audit_log', entityId: null,
      changes: { before: opts.before.toISOString(), rows: result.removed, file: basename(opts.out), sha256: result.digest, chains: result.chains },
    }])
  }
  return result
}

export interface FileCheck {
  ok: boolean
  rows: number
  /** Rows marked redacted by a privacy erasure: their links checked, their content not. */
  redacted: number
  problem: string | null
}

/** Checks an export file's signature and every link of its chains, streaming. */
export async function verifyExportFile(path: string, secret: string): Promise<FileCheck> {
  const hmac = createHmac('sha256', signingKey(secret))
  let header: { format?: string; chains?: Range[] } | null = null
  const state = new Map<number, { seq: number; prev: string; to: number }>()
  let rows = 0
  let redacted = 0
  let problem: string | null = null
  let summary: { rows?: number; ends?: { chain: number; seq: number; hash: string }[] } | null = null
  let pending: string | null = null
  let lineNo = 0
  const fail = (msg: string) => void (problem ??= msg)

  const take = (line: string, n: number) => {
    hmac.update(`${line}\n`)
    if (problem) return
    let v: any
    try {
      v = JSON.parse(line)
    } catch {
      return fail(`line ${n} is not JSON`)
    }
    if (!header) {
      if (v?.format !== EXPORT_FORMAT || !Array.isArray(v.chains)) return fail('not a Kith audit export')
      header = v
      for (const c of v.chains as Range[]) state.set(c.chain, { seq: c.after, prev: c.prev, to: c.to })
      return
    }
    if (summary) return fail(`line ${n} follows the summary`)
    if ('c' in v) {
      const s = state.get(v.c)
      if (!s) return fail(`line ${n}: chain ${v.c} is not in the header (inserted)`)
      if (v.s !== s.seq + 1) return fail(`line ${n}: chain ${v.c} row ${s.seq + 1} is missing (deleted)`)
      if (v.redacted === true) redacted++
      else if (typeof v.r !== 'string' || rowHash(s.prev, v.r) !== v.h) return fail(`line ${n}: chain ${v.c} row ${v.s} does not match its hash (altered)`)
      s.seq = v.s
      s.prev = v.h
      rows++
      return
    }
    summary = v
  }

  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
  for await (const line of lines) {
    lineNo++
    if (pending !== null) take(pending, lineNo - 1)
    pending = line
  }
  if (!header || pending === null) return { ok: false, rows, redacted, problem: problem ?? 'not a Kith audit export' }
  const signature = /^\{"signature":"hmac-sha256:([0-9a-f]{64})"\}$/.exec(pending)?.[1]
  const expected = hmac.digest()
  if (!signature || !timingSafeEqual(Buffer.from(signature, 'hex'), expected)) {
    return { ok: false, rows, redacted, problem: 'the signature does not match: the file was modified, or signed with another KITH_SECRET' }
  }
  if (!problem) {
    const ends = (summary as { ends?: { chain: number; seq: number; hash: string }[] } | null)?.ends ?? []
    for (const [chain, s] of state) {
      const end = ends.find((e) => e.chain === chain)
      if (s.seq !== s.to || !end || end.seq !== s.seq || end.hash !== s.prev) fail(`chain ${chain} ends at row ${s.seq}, not where the file says (${end?.seq ?? s.to})`)
    }
    if ((summary as { rows?: number } | null)?.rows !== rows) fail(`the file holds ${rows} rows, its summary says ${(summary as { rows?: number } | null)?.rows}`)
  }
  return { ok: !problem, rows, redacted, problem }
}
