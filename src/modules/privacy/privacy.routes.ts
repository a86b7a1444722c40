import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { contentDisposition } from '../exports/exports.format'
import { privacyErasureSchema, privacyEraseSchema, privacyParams } from './privacy.schema'
import type { PrivacyService } from './privacy.service'

export function privacyRoutes(app: App, { privacy }: { privacy: PrivacyService }) {
  const tags = ['privacy']
  app.get('/privacy/:kind/:id/export', {
    schema: {
      tags,
      summary: 'Everything Kith holds about a person (a contact, a lead or a person-customer): a ZIP of JSON and CSV per kind of record, streamed (admin; audited)',
      params: privacyParams,
      produces: ['application/zip'],
    },
  }, async (req, reply) => {
    const file = await privacy.export(ctxOf(req), req.params.kind, req.params.id)
    file.body.on('error', (err) => req.log.error({ err }, 'privacy export stream failed'))
    return reply
      .header('Content-Type', 'application/zip')
      .header('Content-Disposition', contentDisposition(file.filename))
      .header('Cache-Control', 'no-store')
      .send(file.body)
  })

  app.post('/privacy/:kind/:id/erase', {
    schema: {
      tags,
      summary: "Erase a person: anonymise him across every table in one transaction, keeping totals; irreversible. `confirm` is the record's name; a stale `version` gets 409 (admin; audited)",
      params: privacyParams,
      body: privacyEraseSchema,
      response: { 200: privacyErasureSchema },
    },
  }, (req) => privacy.erase(ctxOf(req), req.params.kind, req.params.id, req.body))
}
