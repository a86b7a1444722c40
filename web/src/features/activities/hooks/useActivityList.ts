import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { activitiesApi } from '../api'
import { activityKeys, type ActivityListParams } from '../types'

/** One page of activities (keyset pager). */
export function useActivityList(params: ActivityListParams) {
  return useQuery({
    queryKey: activityKeys.list(params),
    queryFn: ({ signal }) => activitiesApi.list(params, signal),
    placeholderData: keepPreviousData,
  })
}
