import { useQuery } from '@tanstack/react-query'
import { twoFactorApi, twoFactorKeys } from '../api'

export const useTwoFactorStatus = () => useQuery({ queryKey: twoFactorKeys.status, queryFn: twoFactorApi.status })
