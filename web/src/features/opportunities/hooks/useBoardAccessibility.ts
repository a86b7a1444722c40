import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { BoardCard } from '../types'

/** What a screen reader hears while a deal is dragged between stages, in the UI's language. */
export function useBoardAccessibility(stageName: (key: string) => string) {
  const { t } = useTranslation()
  return useMemo(() => {
    const deal = (data: unknown) => ((data as { card?: BoardCard } | undefined)?.card?.name ?? '')
    const announcements: Announcements = {
      onDragStart: ({ active }) => t('board.a11y.picked', { name: deal(active.data.current) }),
      onDragOver: ({ active, over }) =>
        over ? t('board.a11y.over', { name: deal(active.data.current), stage: stageName(String(over.id)) }) : t('board.a11y.outside', { name: deal(active.data.current) }),
      onDragEnd: ({ active, over }) =>
        over ? t('board.a11y.dropped', { name: deal(active.data.current), stage: stageName(String(over.id)) }) : t('board.a11y.cancelled', { name: deal(active.data.current) }),
      onDragCancel: ({ active }) => t('board.a11y.cancelled', { name: deal(active.data.current) }),
    }
    const screenReaderInstructions: ScreenReaderInstructions = { draggable: t('board.a11y.instructions') }
    return { announcements, screenReaderInstructions }
  }, [t, stageName])
}
