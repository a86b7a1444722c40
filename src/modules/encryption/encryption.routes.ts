import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { EncryptionService } from './encryption.service'
import { encryptionStatusSchema, encryptionUpdateSchema } from './encryption.schema'

export function encryptionRoutes(app: App, { encryption }: { encryption: EncryptionService }) {
  const tags = ['settings']
  app.get('/settings/encryption', {
    schema: { tags, summary: 'Field encryption: the master key in use, data keys, the fields chosen and the last re-seal pass (admin)', response: { 200: encryptionStatusSchema } },
  }, (req) => encryption.status(ctxOf(req)))

  app.put('/settings/encryption', {
    schema: {
      tags,
      summary: 'Choose the fields stored encrypted (admin); stored values are sealed or opened by a background pass',
      body: encryptionUpdateSchema,
      response: { 200: encryptionStatusSchema },
    },
  }, async (req) => {
    await encryption.chooseFields(ctxOf(req), req.body)
    return encryption.status(ctxOf(req))
  })
}
