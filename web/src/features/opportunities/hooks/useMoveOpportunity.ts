import { useMutation, useQueryClient } from '@tanstack/react-query'
import { opportunitiesApi } from '../api'
import { moveCard } from '../board'
import { opportunityKeys, type Board, type BoardCard, type BoardParams } from '../types'
import { invalidateOpportunity } from './invalidateOpportunity'
import type { LostChoice } from '../components/LostReasonModal'

export interface Move {
  card: BoardCard
  stage: string
  lost?: LostChoice
}

/**
 * Drops a card into another stage: the board shows it there at once, the PATCH carries the card's
 * version, and a refusal (409 someone else changed it, 400 …) puts it back; the board then reloads.
 */
export function useMoveOpportunity(params: BoardParams) {
  const queryClient = useQueryClient()
  const key = opportunityKeys.board(params)
  return useMutation({
    mutationFn: ({ card, stage, lost }: Move) => opportunitiesApi.update(card.id, { stage, version: card.version, ...lost }),
    onMutate: async ({ card, stage }) => {
      await queryClient.cancelQueries({ queryKey: opportunityKeys.boards() })
      const before = queryClient.getQueryData<Board>(key)
      if (before) queryClient.setQueryData<Board>(key, moveCard(before, card.id, stage))
      return { before }
    },
    onError: (_e, _move, ctx) => {
      if (ctx?.before) queryClient.setQueryData(key, ctx.before)
    },
    onSuccess: (o) => queryClient.setQueryData(opportunityKeys.detail(o.id), o),
    onSettled: (_o, _e, move) => invalidateOpportunity(queryClient, null, move.card.id),
  })
}
