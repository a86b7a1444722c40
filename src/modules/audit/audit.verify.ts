import { createHash } from 'node:crypto'
import type { Executor } from '../../db/database'
import { chainAnchors, chainHeads, checkBatch, rowAt, strayRow, type BatchRow, type ChainPoint } from './audit.chain.repository'

export type ProblemKind = 'altered' | 'relinked' | 'missing' | 'truncated' | 'stray' | 'vanished'

/** One broken or missing link: the first of its chain (a chain's later rows are not trusted past it). */
export interface ChainProblem {
  kind: ProblemKind
  chain: number
  seq: number
  /** The row at fault, or the row after the gap; null when the row itself is gone. */
  id: string | null
  message: string
}

/** Each chain's verified head, kept with a verification so the next one sees if it was cut back. */
export type Heads = Record<string, [seq: number, hash: string]>

export interface VerifyResult {
  ok: boolean
  rowsChecked: number
  /** Rows a privacy erasure redacted through audit_redact: their content no longer matches their hash, by design. */
  redacted: number
  chains: number
  problems: ChainProblem[]
  heads: Heads
}

export const genesisHash = (chain: number) => createHash('sha256').update(`kith-audit-genesis:${chain}`).digest('hex')

function classify(chain: number, r: BatchRow): ChainProblem {
  if (r.seq > r.expectedSeq) {
    const gap = r.seq - 1 === r.expectedSeq ? `row ${r.expectedSeq} is` : `rows ${r.expectedSeq}–${r.seq - 1} are`
    return { kind: 'missing', chain, seq: r.expectedSeq, id: r.id, message: `chain ${chain}: ${gap} missing before row ${r.seq} (${r.id}): deleted` }
  }
  if (!r.contentOk) {
    return { kind: 'altered', chain, seq: r.seq, id: r.id, message: `chain ${chain}: row ${r.seq} (${r.id}) does not match its hash: its content was altered` }
  }
  return {
    kind: 'relinked', chain, seq: r.seq, id: r.id,
    message: `chain ${chain}: row ${r.seq} (${r.id}) does not follow the row before it: a row was inserted here, or the previous row rewritten with a recomputed hash`,
  }
}

async function verifyChain(db: Executor, head: ChainPoint, start: ChainPoint, batchSize: number) {
  let at = start
  let rows = 0
  let redacted = 0
  for (;;) {
    const batch = await checkBatch(db, head.chain, at, head.seq, batchSize)
    if (batch.length === 0) break
    const bad = batch.find((r) => !r.contentOk || !r.linkOk || r.seq !== r.expectedSeq)
    if (bad) return { rows: rows + Math.max(0, bad.seq - at.seq - 1), redacted: redacted + bad.redacted, problem: classify(head.chain, bad), end: at }
    const last = batch.find((r) => r.isLast)!
    rows += last.n
    redacted += last.redacted
    at = { chain: head.chain, seq: last.seq, hash: last.hash }
    if (last.n < batchSize) break
  }
  if (at.seq < head.seq) {
    const message = `chain ${head.chain}: rows ${at.seq + 1}–${head.seq} are missing after row ${at.seq}: deleted from the end`
    return { rows, redacted, problem: { kind: 'truncated' as const, chain: head.chain, seq: at.seq + 1, id: null, message }, end: at }
  }
  if (at.hash !== head.hash) {
    const message = `chain ${head.chain}: its last row ${at.seq} is not the one the chain's head recorded: rewritten`
    return { rows, redacted, problem: { kind: 'altered' as const, chain: head.chain, seq: at.seq, id: null, message }, end: at }
  }
  return { rows, redacted, problem: null, end: at }
}

/**
 * Walks every chain from its anchor (or genesis) to the head read at the start, in keyset batches
 * checked by the database; rows written meanwhile wait for the next run. `previous` (the heads of
 * the last successful verification) catches a chain cut back together with its head.
 */
export async function verifyChains(db: Executor, opts: { batchSize?: number; concurrency?: number; previous?: Heads | null; onProgress?: (rows: number) => void } = {}): Promise<VerifyResult> {
  const batchSize = opts.batchSize ?? 50_000
  const heads = await chainHeads(db)
  const anchors = new Map((await chainAnchors(db)).map((a) => [a.chain, a]))
  const problems: ChainProblem[] = []
  const verified: Heads = {}
  let rowsChecked = 0
  let redacted = 0
  const queue = [...heads]
  const worker = async () => {
    for (let head = queue.shift(); head; head = queue.shift()) {
      const start = anchors.get(head.chain) ?? { chain: head.chain, seq: 0, hash: genesisHash(head.chain) }
      const r = await verifyChain(db, head, start, batchSize)
      rowsChecked += r.rows
      redacted += r.redacted
      opts.onProgress?.(rowsChecked)
      if (r.problem) problems.push(r.problem)
      else verified[head.chain] = [r.end.seq, r.end.hash]
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 1) }, worker))

  const stray = await strayRow(db, heads.map((h) => h.chain))
  if (stray) problems.push({ kind: 'stray', chain: stray.chain, seq: Number(stray.seq), id: stray.id, message: `row ${stray.id} sits in chain ${stray.chain}, which does not exist: inserted` })
  for (const [chain, [seq, hash]] of Object.entries(opts.previous ?? {})) {
    const c = Number(chain)
    if (seq <= (anchors.get(c)?.seq ?? 0) || problems.some((p) => p.chain === c)) continue
    const row = await rowAt(db, c, seq)
    if (row?.hash !== hash) {
      problems.push({ kind: 'vanished', chain: c, seq, id: row?.id ?? null, message: `chain ${c}: row ${seq}, verified before, is ${row ? 'changed' : 'gone'}: the chain was cut back or rewritten` })
    }
  }
  problems.sort((a, b) => a.chain - b.chain || a.seq - b.seq)
  return { ok: problems.length === 0, rowsChecked, redacted, chains: heads.length, problems, heads: verified }
}
