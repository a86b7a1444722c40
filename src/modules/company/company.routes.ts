import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import type { CompanyService } from './company.service'
import { companyBrandSchema, companyProfileSchema, companyProfileUpdateSchema } from './company.schema'

export function companyRoutes(app: App, { company }: { company: CompanyService }) {
  const tags = ['settings']
  app.get('/settings/company', {
    schema: { tags, summary: 'The company profile printed on quotes (everyone may read it)', response: { 200: companyProfileSchema } },
  }, (req) => company.get(ctxOf(req)))

  app.get('/public/company', {
    config: { public: true, rateLimit: { max: 120, timeWindow: '1 minute' } },
    schema: { tags: ['public'], summary: 'What public pages (the support form) show of the company: its name and logo', security: [], response: { 200: companyBrandSchema } },
  }, async () => {
    const p = await company.get(null)
    return { name: p.name, logo: p.logo }
  })

  app.put('/settings/company', {
    schema: { tags, summary: 'Replace the company profile (admin)', body: companyProfileUpdateSchema, response: { 200: companyProfileSchema } },
  }, (req) => company.put(ctxOf(req), req.body))
}
