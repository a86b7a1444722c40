import { Tag } from 'antd'
import { useStageLabels } from '../hooks/useStageLabels'
import { KIND_COLORS } from '../types'

/** A deal's stage by key, named in the UI's language, coloured by its kind (open / won / lost). */
export function StageTag({ stage }: { stage: string }) {
  const { byKey, name } = useStageLabels()
  const kind = byKey.get(stage)?.kind ?? 'open'
  return (
    <Tag color={KIND_COLORS[kind]} bordered={false} style={{ marginInlineEnd: 0 }}>
      {name(stage)}
    </Tag>
  )
}
