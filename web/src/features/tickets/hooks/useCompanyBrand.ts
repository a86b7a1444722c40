import { useQuery } from '@tanstack/react-query'
import { api } from '../../../lib/api'

/** The company's name and logo for the public pages (no sign-in). */
export function useCompanyBrand() {
  return useQuery({
    queryKey: ['public', 'company'],
    queryFn: ({ signal }) => api.get<{ name: string; logo: string | null }>('/public/company', undefined, signal),
    staleTime: 5 * 60_000,
    retry: false,
  })
}
