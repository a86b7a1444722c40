import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { ReportService } from './reports.service'
import { reportNameParams, reportParamsSchema, reportResultSchema, salesTargetListQuery, salesTargetPutSchema, salesTargetSchema } from './reports.schema'
import type { SalesTargetService } from './sales-targets.service'
import { reportCsv, reportXlsx } from './reports.download'

export function reportRoutes(app: App, { reports }: { reports: ReportService }) {
  app.get('/reports/:name', {
    schema: {
      tags: ['reports'],
      summary: 'Run a report: JSON {columns, rows, totals}, or ?format=csv|xlsx to download it',
      params: reportNameParams,
      querystring: reportParamsSchema,
      response: { 200: reportResultSchema },
    },
  }, async (req, reply) => {
    const result = await reports.run(ctxOf(req), req.params.name, req.query, req.headers['accept-language'])
    if (req.query.format === 'json') return result
    const file = `${result.name}_${result.from}_${result.to}.${req.query.format}`
    const body = req.query.format === 'csv' ? reportCsv(result) : await reportXlsx(result)
    return reply
      .header('Content-Type', req.query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${file}"; filename*=UTF-8''${encodeURIComponent(file)}`)
      .send(body as never) // a file: Fastify sends a Buffer as it is, past the JSON serializer
  })
}

export function salesTargetRoutes(app: App, { salesTargets }: { salesTargets: SalesTargetService }) {
  const tags = ['reports']
  app.get('/sales-targets', {
    schema: { tags, summary: 'Monthly sales targets visible to the caller (?from=YYYY-MM&to=YYYY-MM)', querystring: salesTargetListQuery, response: { 200: z.object({ items: z.array(salesTargetSchema) }) } },
  }, async (req) => ({ items: await salesTargets.list(ctxOf(req), req.query) }))

  app.put('/sales-targets', {
    schema: { tags, summary: 'Set the target of a month for a rep (ownerId), a team (teamId) or the company (neither)', body: salesTargetPutSchema, response: { 200: salesTargetSchema } },
  }, (req) => salesTargets.put(ctxOf(req), req.body))
}
