import type { FastifyRequest } from 'fastify'
import { ctxOf } from '../../server/auth'
import type { RequestContext } from '../../server/context'
import type { App } from '../../server/types'
import { contentDisposition } from './exports.format'
import { exportQuerySchemas, type ExportEntity, type ExportQuery } from './exports.schema'
import type { ExportFile, ExportService } from './exports.service'

/** Headers in the caller's language when he does not name one: zh-CN unless he prefers English. */
const langOf = (req: FastifyRequest) => (/^\s*en\b/i.test(req.headers['accept-language'] ?? '') ? 'en' : 'zh-CN')

function exportRoute<E extends ExportEntity>(app: App, entity: E, run: (ctx: RequestContext, q: ExportQuery<E>) => Promise<ExportFile>) {
  // The static `export` segment is matched before the module's `/:id`, so the two coexist.
  app.get(`/${entity}/export`, {
    schema: {
      tags: [entity],
      summary: `Download the ${entity} list, with the list's filters, as CSV (UTF-8 with BOM) or XLSX, streamed`,
      querystring: exportQuerySchemas[entity],
      produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
  }, async (req, reply) => {
    const query = req.query as ExportQuery<E>
    const file = await run(ctxOf(req), { ...query, lang: query.lang ?? langOf(req) })
    file.body.on('error', (err) => req.log.error({ err }, 'export stream failed'))
    return reply
      .header('Content-Type', file.contentType)
      .header('Content-Disposition', contentDisposition(file.filename))
      .header('Cache-Control', 'no-store')
      .send(file.body)
  })
}

export function exportRoutes(app: App, { exports }: { exports: ExportService }) {
  exportRoute(app, 'customers', exports.customers)
  exportRoute(app, 'contacts', exports.contacts)
  exportRoute(app, 'leads', exports.leads)
  exportRoute(app, 'opportunities', exports.opportunities)
}
