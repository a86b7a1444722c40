import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Actor } from './context'

/** The Fastify instance routes are written against: zod schemas give request and reply types. */
export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null
    /** Set for cookie sessions (not API tokens): the session row id and its CSRF token. */
    session: { id: string; csrfToken: string } | null
  }
  interface FastifyContextConfig {
    /** Reachable without signing in. */
    public?: boolean
  }
}
