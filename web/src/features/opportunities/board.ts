import type { Board } from './types'

/**
 * The board with one card moved to the top of another stage's column (the optimistic view of a drop).
 * Counts follow the card; the money totals stay as the server computed them until the board reloads.
 */
export function moveCard(board: Board, cardId: string, toStage: string): Board {
  const from = board.columns.find((c) => c.items.some((i) => i.id === cardId))
  const card = from?.items.find((i) => i.id === cardId)
  if (!from || !card || from.stage === toStage) return board
  return {
    ...board,
    columns: board.columns.map((col) => {
      if (col === from) return { ...col, count: Math.max(0, col.count - 1), items: col.items.filter((i) => i.id !== cardId) }
      if (col.stage === toStage) return { ...col, count: col.count + 1, items: [{ ...card, stage: toStage }, ...col.items] }
      return col
    }),
  }
}
