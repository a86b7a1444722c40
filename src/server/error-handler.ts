import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { AppError, errorTitles, type ErrorCode, type FieldError } from './errors'

const typeUri = (code: ErrorCode) => `urn:kith:problem:${code.toLowerCase().replaceAll('_', '-')}`

/** Fastify's own client errors (bad JSON, huge body, wrong content type…) mapped to our codes. */
function fromFastifyError(err: FastifyError): AppError | null {
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors: FieldError[] = err.validation.flatMap((v) => {
      const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.')
      // One entry per unknown field, named by its path, like every other bad field.
      if (v.keyword === 'unrecognized_keys' && Array.isArray(v.params.keys)) {
        return (v.params.keys as string[]).map((key) => ({ path: path ? `${path}.${key}` : key, message: 'Unknown field' }))
      }
      return [{ path: path || '(root)', message: v.message ?? 'Invalid value' }]
    })
    const where = err.validationContext && err.validationContext !== 'body' ? ` in ${err.validationContext}` : ''
    return new AppError('VALIDATION_FAILED', `Invalid request${where}: ${errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`, { errors })
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new AppError('PAYLOAD_TOO_LARGE')
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return new AppError('UNSUPPORTED_MEDIA_TYPE')
  if (err.statusCode === 429) return new AppError('RATE_LIMITED', 'Too many requests, try again later')
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    return new AppError('BAD_REQUEST', err.message)
  }
  return null
}

/**
 * Fastify's `frameworkErrors` option: errors raised before routing (a path whose percent-escapes
 * do not decode, FST_ERR_BAD_URL) get the same problem+json as everything else.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const e = fromFastifyError(error) ?? new AppError('BAD_REQUEST', 'The URL is not valid')
  reply.status(e.status).type('application/problem+json; charset=utf-8').send({
    type: typeUri(e.code),
    title: errorTitles[e.code],
    status: e.status,
    detail: e.message,
    code: e.code,
    requestId: request.id,
  })
}

export function registerErrorHandler(app: FastifyInstance, { spa }: { spa: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = error instanceof AppError ? error : fromFastifyError(error)
    if (!appError) {
      request.log.error({ err: error }, 'unhandled error')
    }
    const e = appError ?? new AppError('INTERNAL', 'Something went wrong on our side; the request id helps find it in the logs.')
    if (e.extra.retryAfter) reply.header('Retry-After', String(e.extra.retryAfter))
    reply
      .status(e.status)
      .type('application/problem+json; charset=utf-8')
      .send({
        type: typeUri(e.code),
        title: errorTitles[e.code],
        status: e.status,
        detail: e.message,
        code: e.code,
        requestId: request.id,
        ...(e.extra.errors ? { errors: e.extra.errors } : {}),
        ...(e.extra.current !== undefined ? { current: e.extra.current } : {}),
        ...(e.extra.requiredScope ? { requiredScope: e.extra.requiredScope } : {}),
      })
  })

  app.setNotFoundHandler((request, reply) => {
    // Client-side routes deep-link to the app; a missing built asset is a real 404.
    if (spa && request.method === 'GET' && !request.url.startsWith('/api/') && !request.url.startsWith('/assets/')) {
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
    }
    const e = new AppError('NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}`)
    reply.status(404).type('application/problem+json; charset=utf-8').send({
      type: typeUri(e.code),
      title: errorTitles[e.code],
      status: 404,
      detail: e.message,
      code: e.code,
    })
  })
}
