import { sql } from 'kysely'
import type { Executor } from '../../db/database'

/**
 * The bytes a row's hash covers after its previous hash: the same expression as the trigger's
 * audit_row_hash (migration 2026_12_08_0200_audit_chain). Written out here rather than calling the
 * stored function, so a replaced function cannot vouch for rows it was rewritten to accept.
 */
const canonicalText = (a: string) => `jsonb_build_array(${a}.chain, ${a}.seq, ${a}.id, (extract(epoch FROM ${a}.at) * 1000000)::bigint,
  ${a}.actor_id, ${a}.action, ${a}.entity, ${a}.entity_id, ${a}.request_id, ${a}.ip, ${a}.changes)::text`
export const canonicalSql = (a: string) => sql.raw(canonicalText(a))

const rowHashText = (a: string) => `sha256(${a}.prev_hash || convert_to(${canonicalText(a)}, 'UTF8'))`

export interface ChainPoint {
  chain: number
  seq: number
  /** hex */
  hash: string
}

export async function chainHeads(db: Executor): Promise<ChainPoint[]> {
  const r = await sql<ChainPoint>`SELECT chain, seq, encode(hash, 'hex') AS hash FROM audit_chains ORDER BY chain`.execute(db)
  return r.rows.map((x) => ({ ...x, seq: Number(x.seq) }))
}

/** Each chain's newest anchor: where its rows start after a retention removal. */
export async function chainAnchors(db: Executor): Promise<ChainPoint[]> {
  const r = await sql<ChainPoint>`SELECT DISTINCT ON (chain) chain, seq, encode(hash, 'hex') AS hash FROM audit_chain_anchors ORDER BY chain, seq DESC`.execute(db)
  return r.rows.map((x) => ({ ...x, seq: Number(x.seq) }))
}

/**
 * Whether a row whose content no longer matches its hash was redacted the deliberate way: listed in
 * audit_redactions AND named by a later 'redact' audit row that itself still matches its hash
 * (audit_redact, migration 2026_12_08_0240). A listing alone, which anyone able to insert could
 * add, hides nothing: the redaction must also stand in a chain.
 */
const redactedSql = (a: string) => sql.raw(`(EXISTS (SELECT 1 FROM audit_redactions d WHERE d.audit_id = ${a}.id)
  AND EXISTS (SELECT 1 FROM audit_log r WHERE r.action = 'redact' AND r.entity = 'audit_log' AND r.at >= ${a}.at
    AND r.changes -> 'rows' ? ${a}.id::text AND r.hash = ${rowHashText('r')}))`)

export interface BatchRow {
  id: string
  seq: number
  hash: string
  contentOk: boolean
  linkOk: boolean
  expectedSeq: number
  n: number
  isLast: boolean
  /** Redacted rows in the batch up to this one. */
  redacted: number
}

/**
 * One keyset batch of a chain after `from`, checked inside the database: the rows whose content no
 * longer matches their hash (unless redacted), whose link to the row before is broken or whose seq
 * skips, and the batch's last row (to carry on from). Rows after `to` (the head read when verifying
 * began) are newer than the verification and left for the next one. Only those rows cross the wire,
 * so verifying stays bounded by the server's hashing speed, not by transfer.
 */
export async function checkBatch(db: Executor, chain: number, from: ChainPoint, to: number, size: number): Promise<BatchRow[]> {
  const r = await sql<BatchRow>`
    SELECT id, seq, encode(hash, 'hex') AS hash, content_ok AS "contentOk", link_ok AS "linkOk", expected_seq AS "expectedSeq", n, is_last AS "isLast", redacted_n AS redacted
    FROM (
      SELECT c.id, c.seq, c.hash, c.hash_ok OR c.redacted AS content_ok,
        c.prev_hash = coalesce(lag(c.hash) OVER w, decode(${from.hash}, 'hex')) AS link_ok,
        coalesce(lag(c.seq) OVER w, ${from.seq}::bigint) + 1 AS expected_seq,
        count(*) OVER () AS n,
        row_number() OVER w = count(*) OVER () AS is_last,
        count(*) FILTER (WHERE c.redacted) OVER w AS redacted_n
      FROM (
        -- CASE: the redaction look-up runs for mismatching rows only.
        SELECT h.*, CASE WHEN h.hash_ok THEN false ELSE ${redactedSql('h')} END AS redacted
        FROM (
          -- OFFSET 0 keeps this level, so each row is hashed once.
          SELECT b.*, b.hash = ${sql.raw(rowHashText('b'))} AS hash_ok
          FROM (SELECT * FROM audit_log WHERE chain = ${chain} AND seq > ${from.seq}::bigint AND seq <= ${to}::bigint ORDER BY seq LIMIT ${size}) b
          OFFSET 0
        ) h
      ) c
      WINDOW w AS (ORDER BY c.seq)
    ) x
    WHERE is_last OR NOT content_ok OR NOT link_ok OR seq <> expected_seq
    ORDER BY seq
    LIMIT 2`.execute(db)
  return r.rows.map((x) => ({ ...x, seq: Number(x.seq), expectedSeq: Number(x.expectedSeq), n: Number(x.n), redacted: Number(x.redacted) }))
}

/** A row outside every chain the heads know (written with the trigger disabled). */
export async function strayRow(db: Executor, chains: number[]) {
  const r = await sql<{ id: string; chain: number; seq: number }>`
    SELECT id, chain, seq FROM audit_log WHERE chain < ${Math.min(...chains)} OR chain > ${Math.max(...chains)} LIMIT 1`.execute(db)
  return r.rows[0]
}

export async function rowAt(db: Executor, chain: number, seq: number) {
  const r = await sql<{ id: string; hash: string }>`SELECT id, encode(hash, 'hex') AS hash FROM audit_log WHERE chain = ${chain} AND seq = ${seq}::bigint`.execute(db)
  return r.rows[0]
}

export async function lastRowOf(db: Executor, chain: number) {
  const r = await sql<{ id: string; seq: number; hash: string }>`
    SELECT id, seq, encode(hash, 'hex') AS hash FROM audit_log WHERE chain = ${chain} ORDER BY seq DESC LIMIT 1`.execute(db)
  return r.rows[0] && { ...r.rows[0], seq: Number(r.rows[0].seq) }
}

/** The last seq of a chain's prefix written before `before` (a chain's rows are in commit order, their times nearly so). */
export async function prefixEnd(db: Executor, chain: number, before: Date, head: number): Promise<number> {
  const r = await sql<{ seq: number | null }>`SELECT min(seq) AS seq FROM audit_log WHERE chain = ${chain} AND seq <= ${head}::bigint AND at >= ${before}`.execute(db)
  const first = r.rows[0]?.seq
  return first == null ? head : Number(first) - 1
}

export interface ExportRow {
  seq: number
  prev: string
  hash: string
  /** Exactly the text the hash covers after the previous hash; for a redacted row, its text now. */
  row: string
  /** Redacted by a privacy erasure (see redactedSql): its row cannot match its hash. */
  redacted: boolean
}

export async function exportBatch(db: Executor, chain: number, after: number, upTo: number, size: number): Promise<ExportRow[]> {
  const r = await sql<ExportRow>`
    SELECT a.seq, encode(a.prev_hash, 'hex') AS prev, encode(a.hash, 'hex') AS hash, ${canonicalSql('a')} AS row,
      CASE WHEN a.hash = ${sql.raw(rowHashText('a'))} THEN false ELSE ${redactedSql('a')} END AS redacted
    FROM audit_log a WHERE a.chain = ${chain} AND a.seq > ${after}::bigint AND a.seq <= ${upTo}::bigint ORDER BY a.seq LIMIT ${size}`.execute(db)
  return r.rows.map((x) => ({ ...x, seq: Number(x.seq) }))
}

/** Retention's one way to delete audit rows (see audit_remove_prefix in the migration). */
export async function removePrefix(db: Executor, p: ChainPoint & { fileDigest: string }): Promise<number> {
  const r = await sql<{ n: number }>`SELECT audit_remove_prefix(${p.chain}::smallint, ${p.seq}::bigint, decode(${p.hash}, 'hex'), ${p.fileDigest}) AS n`.execute(db)
  return Number(r.rows[0]!.n)
}
