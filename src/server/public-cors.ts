import type { FastifyInstance } from 'fastify'

export const PUBLIC_PREFIX = '/api/v1/public/'

/**
 * Cross-origin access to the public endpoints only (a customer's website posts the web-to-lead
 * form from its own origin). Written by hand rather than with @fastify/cors: the rule is a few
 * headers on one path prefix, any origin, never credentials — and a hook answers the preflight
 * without an OPTIONS route, so the rest of the API keeps the browser's same-origin protection and
 * the OpenAPI document lists only real operations.
 *
 * `Access-Control-Allow-Origin: *` is safe here because these endpoints act for nobody: they take
 * no cookie identity and answer nothing private; `Allow-Credentials` is never sent.
 */
export function registerPublicCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(PUBLIC_PREFIX)) return
    reply.header('Access-Control-Allow-Origin', '*')
    if (request.method === 'OPTIONS') {
      return reply
        .status(204)
        .header('Access-Control-Allow-Methods', 'GET, POST, OPTIONS')
        .header('Access-Control-Allow-Headers', 'Content-Type')
        .header('Access-Control-Max-Age', '86400')
        .send()
    }
  })
}
