import type { FastifyInstance } from 'fastify'

/**
 * The app's policy: scripts only from Kith's own origin (the built app has no inline script), no
 * plugins, no <base> or form targets elsewhere, never framed (clickjacking). Inline styles stay
 * allowed: antd writes its CSS-in-JS at run time. /api/docs sends its own, hash-based policy.
 */
export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ')

/** Headers every reply carries: app pages, API answers and problem+json errors alike. */
export function registerSecurityHeaders(app: FastifyInstance, { https }: { https: boolean }): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id)
    reply.header('X-Content-Type-Options', 'nosniff')
    // Links out of the CRM (a customer's website, a tracking link) must not tell where they were clicked.
    reply.header('Referrer-Policy', 'no-referrer')
    // Served over https (KITH_PUBLIC_URL), the browser must not try plain http again for a year.
    if (https) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
    if (!request.url.startsWith('/api/docs')) reply.header('Content-Security-Policy', APP_CSP)
  })
}
