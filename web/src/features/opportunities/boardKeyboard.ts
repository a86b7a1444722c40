import type { KeyboardCoordinateGetter } from '@dnd-kit/core'

/**
 * Keyboard dragging on the board: ← and → jump a picked-up card one column, instead of the
 * default 25 px per key press (six columns would take dozens of presses).
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  const dir = event.code === 'ArrowRight' ? 1 : event.code === 'ArrowLeft' ? -1 : 0
  const rect = context.collisionRect
  if (!dir || !rect) return undefined
  const columns = [...context.droppableRects.values()].sort((a, b) => a.left - b.left)
  const centre = rect.left + rect.width / 2
  const here = columns.findIndex((c) => centre >= c.left && centre < c.left + c.width)
  const target = columns[(here === -1 ? 0 : here) + dir]
  if (!target) return undefined
  event.preventDefault()
  return { x: currentCoordinates.x + (target.left + target.width / 2 - centre), y: currentCoordinates.y }
}
