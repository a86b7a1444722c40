import { createReadStream, createWriteStream } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
import { Readable, type Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import { BackupFileError } from './backup.errors'
import { decryptStream, encryptStream, headerHash, newEncryption, openEncryption, type EncryptionHeader } from './backup.crypto'

/**
 * The file: an 8-byte magic, a length-prefixed JSON header (format version, encryption parameters),
 * then a gzip stream — AES-256-GCM-encrypted in chunks when the header says so — of frames:
 * one type byte, a 4-byte length, the payload. Frames: H (start JSON), then per table T (its name
 * and columns as JSON), D… (its rows as PostgreSQL COPY text), E; last M (the manifest JSON:
 * counts, checksums, sequence values). The manifest comes last because counts and checksums are
 * only known once the rows are written; a restore reads the file through once to check it all
 * before it changes anything.
 */
export const MAGIC = Buffer.from('KITHBKP\x01', 'latin1')
export const FORMAT = 1
const MAX_HEADER = 64 * 1024
const MAX_FRAME = 4 * 1024 * 1024
export const DATA_FRAME = 1024 * 1024

export const FrameType = { start: 0x48, table: 0x54, data: 0x44, end: 0x45, manifest: 0x4d } as const
export type Frame = { type: number; payload: Buffer }

export interface FileHeader {
  format: number
  encryption: EncryptionHeader | null
}

export interface Secret {
  passphrase: string
}

export function frame(type: number, payload: Buffer | string): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload
  const head = Buffer.alloc(5)
  head[0] = type
  head.writeUInt32BE(body.length, 1)
  return Buffer.concat([head, body])
}

const headerBytes = (h: FileHeader) => {
  const json = Buffer.from(JSON.stringify(h))
  const len = Buffer.alloc(4)
  len.writeUInt32BE(json.length)
  return Buffer.concat([MAGIC, len, json])
}

/** Writes beside the target and renames at the end: a backup cut short never looks like a whole one. */
export async function writeBackupFile(path: string, frames: AsyncIterable<Buffer>, secret?: Secret): Promise<number> {
  const enc = secret ? await newEncryption(secret.passphrase) : undefined
  const head = headerBytes({ format: FORMAT, encryption: enc?.header ?? null })
  const partial = `${path}.partial`
  const out = createWriteStream(partial, { mode: 0o600 })
  const stages: (Transform | NodeJS.WritableStream)[] = [createGzip({ level: 1 })]
  if (enc) stages.push(encryptStream(enc.key, enc.header, headerHash(head)))
  let written = 0
  try {
    out.write(head)
    await pipeline(Readable.from(frames), ...(stages as [Transform]), out)
    written = out.bytesWritten
    const fh = await open(partial, 'r+')
    await fh.sync().finally(() => fh.close())
    await rename(partial, path)
  } catch (err) {
    await rm(partial, { force: true })
    throw err
  }
  return written
}

export async function readHeader(path: string): Promise<{ header: FileHeader; bytes: Buffer }> {
  const fh = await open(path, 'r')
  try {
    const first = Buffer.alloc(MAGIC.length + 4)
    const { bytesRead } = await fh.read(first, 0, first.length, 0)
    if (bytesRead < first.length || !first.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupFileError('foreign', `${path} does not start as one`)
    const len = first.readUInt32BE(MAGIC.length)
    if (len > MAX_HEADER) throw new BackupFileError('damaged', 'its header is too long')
    const json = Buffer.alloc(len)
    const got = await fh.read(json, 0, len, first.length)
    if (got.bytesRead < len) throw new BackupFileError('truncated', 'it ends inside its header')
    let header: FileHeader
    try {
      header = JSON.parse(json.toString('utf8')) as FileHeader
    } catch {
      throw new BackupFileError('damaged', 'its header is not readable')
    }
    if (header.format !== FORMAT) throw new BackupFileError('newer-schema', `it is in backup format ${header.format}; this Kith reads format ${FORMAT}`)
    return { header, bytes: Buffer.concat([first, json]) }
  } finally {
    await fh.close()
  }
}

/** The frames of a backup file, decrypted and checked chunk by chunk as they are read. */
export async function* readFrames(path: string, secret?: Secret): AsyncGenerator<Frame> {
  const { header, bytes } = await readHeader(path)
  const stages: Transform[] = []
  if (header.encryption) {
    if (!secret) throw new BackupFileError('needs-key', 'give the passphrase in KITH_BACKUP_PASSPHRASE or --key-file')
    const key = await openEncryption(secret.passphrase, header.encryption)
    stages.push(decryptStream(key, header.encryption, headerHash(bytes)))
  }
  const gunzip = createGunzip()
  stages.push(gunzip)
  const source = createReadStream(path, { start: bytes.length })
  let failure: unknown
  // pipeline wires errors and clean-up; reading happens from the last stage below.
  const done = pipeline(source, ...(stages as [Transform])).catch((err: unknown) => {
    failure = err
  })
  const last = stages[stages.length - 1]
  let buf: Buffer = Buffer.alloc(0)
  try {
    for await (const chunk of last as AsyncIterable<Buffer>) {
      buf = buf.length ? Buffer.concat([buf, chunk]) : chunk
      while (buf.length >= 5) {
        const len = buf.readUInt32BE(1)
        if (len > MAX_FRAME) throw new BackupFileError('damaged', 'a record has an impossible length')
        if (buf.length < 5 + len) break
        yield { type: buf[0], payload: buf.subarray(5, 5 + len) }
        buf = buf.subarray(5 + len)
      }
    }
  } catch (err) {
    source.destroy()
    await done
    // Whichever says what is wrong with the file: the reader's own check, or the stage that failed
    // (a bad tag, a zlib error) when the reader only saw the stream stop.
    throw [err, failure].filter((e) => e !== undefined).map(asFileError).find((e) => e instanceof BackupFileError) ?? err
  } finally {
    source.destroy()
  }
  await done
  if (failure) throw asFileError(failure)
  if (buf.length) throw new BackupFileError('truncated', 'it ends inside a record')
}

function asFileError(err: unknown): unknown {
  if (err instanceof BackupFileError) return err
  const code = (err as { code?: string }).code
  if (code === 'Z_BUF_ERROR' || code === 'ERR_STREAM_PREMATURE_CLOSE') return new BackupFileError('truncated', 'its compressed data stops short')
  if (code && code.startsWith('Z_')) return new BackupFileError('damaged', `its compressed data is corrupt (${code})`)
  return err
}
