import type { Executor } from '../../db/database'
import * as repo from './imports.repository'

/** The uploaded file as stored in import_chunks: read in order, or a byte range, never all at once. */
export interface ByteSource {
  /** Names an upload whose bytes never change (its checks may be remembered); absent for a one-off source. */
  id?: string
  size: number
  stream(): AsyncGenerator<Buffer>
  range(start: number, end: number): Promise<Buffer>
}

export const CHUNK_SIZE = 1024 * 1024

export function chunkSource(db: Executor, importId: string, size: number): ByteSource {
  return {
    id: importId,
    size,
    async *stream() {
      for (let seq = 0; seq * CHUNK_SIZE < size; seq++) {
        const chunk = await repo.readChunk(db, importId, seq)
        if (!chunk) return
        yield chunk
      }
    },
    async range(start, end) {
      start = Math.max(0, start)
      end = Math.min(size, end)
      if (end <= start) return Buffer.alloc(0)
      const first = Math.floor(start / CHUNK_SIZE)
      const last = Math.floor((end - 1) / CHUNK_SIZE)
      const parts = await repo.readChunks(db, importId, first, last)
      return Buffer.concat(parts).subarray(start - first * CHUNK_SIZE, end - first * CHUNK_SIZE)
    },
  }
}
