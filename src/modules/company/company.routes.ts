import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { CompanyService } from './company.service'
import { companyProfileSchema, companyProfileUpdateSchema } from './company.schema'

export function companyRoutes(app: App, { company }: { company: CompanyService }) {
  const tags = ['settings']
  app.get('/settings/company', {
    schema: { tags, summary: 'The company profile printed on quotes (everyone may read it)', response: { 200: companyProfileSchema } },
  }, (req) => company.get(ctxOf(req)))

  app.put('/settings/company', {
    schema: { tags, summary: 'Replace the company profile (admin)', body: companyProfileUpdateSchema, response: { 200: companyProfileSchema } },
  }, (req) => company.put(ctxOf(req), req.body))
}
