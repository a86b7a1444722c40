import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

export const webDist = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../web/dist')

/** Serves the built web app; unknown non-API paths get index.html so client routes deep-link. */
export async function registerWebApp(app: FastifyInstance): Promise<boolean> {
  if (!existsSync(path.join(webDist, 'index.html'))) return false
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    index: ['index.html'],
    // The build writes .br and .gz beside each file (scripts/precompress.ts): sent as they are, no
    // compression per request; Vary: Accept-Encoding comes with them.
    preCompressed: true,
    setHeaders: (reply, file) => {
      // Vite fingerprints assets: cache them for good; index.html must always be fresh.
      reply.header('Cache-Control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  return true
}
