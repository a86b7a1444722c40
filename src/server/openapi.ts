import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod'
import type { FastifyInstance } from 'fastify'
import type { ZodType } from 'zod'

declare module 'fastify' {
  interface FastifySchema {
    /**
     * A multipart/form-data body the route reads itself as a stream, so Fastify must neither parse
     * nor validate it; only the OpenAPI document shows it, as the route's request body.
     */
    multipartBody?: ZodType
  }
}

/** jsonSchemaTransform, with a route's multipartBody documented as its multipart/form-data request body. */
const transform: typeof jsonSchemaTransform = (doc) => {
  const { multipartBody, ...schema } = doc.schema ?? {}
  if (!multipartBody) return jsonSchemaTransform(doc)
  return jsonSchemaTransform({ ...doc, schema: { ...schema, body: multipartBody, consumes: ['multipart/form-data'] } })
}

/** The OpenAPI 3.1 document is generated from the same zod schemas that validate requests. */
export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Kith CRM API', version: '1', description: 'REST API of Kith. Errors are RFC 9457 problem+json.' },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'kith_session', description: 'Named __Host-kith_session when Kith is served over https. Writes also need the X-CSRF-Token header' },
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description:
              'A token from POST /api/v1/api-tokens. It acts as its user (current role and team) within its scopes: GET and HEAD need `<module>:read`, other methods `<module>:write` (write includes read, `*` is every module); outside them the reply is 403 problem+json with code INSUFFICIENT_SCOPE and `requiredScope`.',
          },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform,
    transformObject: jsonSchemaTransformObject,
  })
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    // The plugin's policy hashes its own inline scripts; no framing (clickjacking), no upgrade to
    // https (it would break the page on http://localhost), and inline styles as the app allows them
    // (Swagger UI sets some at run time; scripts stay strict).
    staticCSP: true,
    transformStaticCSP: (header) =>
      header.replace("frame-ancestors 'self'", "frame-ancestors 'none'").replace(' upgrade-insecure-requests;', '').replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'"),
  })
}
