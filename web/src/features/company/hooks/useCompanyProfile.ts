import { useQuery } from '@tanstack/react-query'
import { companyApi } from '../api'
import { companyKeys } from '../types'

/** The company profile printed on quotes (name, address, logo…). */
export function useCompanyProfile() {
  return useQuery({ queryKey: companyKeys.profile, queryFn: ({ signal }) => companyApi.get(signal), staleTime: 5 * 60_000 })
}
