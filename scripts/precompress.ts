import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/
/** Below this a compressed copy saves less than its extra response headers cost. */
const MIN_BYTES = 1024

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip -9) beside every text file of the
 * build, so the server (@fastify/static `preCompressed`) sends them as they are: the compression
 * costs nothing per request, and at quality 11 brotli beats what on-the-fly compression can afford.
 * A copy that would not be smaller is not written; the server then sends the file itself.
 */
export function precompress(): Plugin {
  let outDir = ''
  return {
    name: 'kith-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    async writeBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((f) => COMPRESSIBLE.test(f))
      await Promise.all(
        files.map(async (file) => {
          const path = join(outDir, file)
          const raw = await readFile(path)
          if (raw.length < MIN_BYTES) return
          const [br, gzipped] = await Promise.all([
            brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
            gz(raw, { level: 9 }),
          ])
          if (br.length < raw.length) await writeFile(`${path}.br`, br)
          if (gzipped.length < raw.length) await writeFile(`${path}.gz`, gzipped)
        }),
      )
    },
  }
}
