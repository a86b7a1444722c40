import { api } from '../../lib/api'
import type { CompanyProfile, CompanyProfileInput } from './types'

export const companyApi = {
  get: (signal?: AbortSignal) => api.get<CompanyProfile>('/settings/company', undefined, signal),
  save: (body: CompanyProfileInput) => api.put<CompanyProfile>('/settings/company', body),
}
