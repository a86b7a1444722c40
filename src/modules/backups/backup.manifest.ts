import type { SequenceValue, TableShape } from '../../db/backup-catalog'

export interface TableEntry extends TableShape {
  rows: number
  bytes: number
  sha256: string
}

/** The last record of a backup: what a restore checks the whole file against before it loads a row. */
export interface Manifest {
  format: number
  /** The newest migration of the source: a restore brings its target to this schema first. */
  migration: string
  createdAt: string
  source: 'pglite' | 'postgres'
  tables: TableEntry[]
  sequences: SequenceValue[]
}

/** Rows in a slice of COPY text: one line each (newlines inside values are escaped as \n). */
export function countLines(chunk: Buffer): number {
  let n = 0
  for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) n++
  return n
}
