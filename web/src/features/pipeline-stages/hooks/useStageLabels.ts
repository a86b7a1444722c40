import { useCallback, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Stage } from '../types'
import { useStages } from './useStages'

/** A stage's name in the UI's language: `name` in Chinese, `nameEn` in English (falling back to `name`). */
export function localStageName(stage: Pick<Stage, 'name' | 'nameEn'>, language: string): string {
  return language.startsWith('zh') ? stage.name : stage.nameEn || stage.name
}

/** The stages plus look-ups by key, with names in the current language. */
export function useStageLabels() {
  const { i18n } = useTranslation()
  const { data: stages = [], isPending, error } = useStages()
  const byKey = useMemo(() => new Map(stages.map((s) => [s.key, s])), [stages])
  const name = useCallback(
    (key: string | null | undefined) => {
      if (!key) return ''
      const s = byKey.get(key)
      return s ? localStageName(s, i18n.language) : key
    },
    [byKey, i18n.language],
  )
  return { stages, byKey, name, isPending, error }
}
