import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { opportunityKeys, type BoardParams } from '../types'

export function useBoard(params: BoardParams) {
  return useQuery({
    queryKey: opportunityKeys.board(params),
    queryFn: ({ signal }) => opportunitiesApi.board(params, signal),
    placeholderData: keepPreviousData,
  })
}
