import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core'
import { PlusOutlined } from '@ant-design/icons'
import { App, Button, Card, Flex, Skeleton } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { useAuth } from '../../auth/hooks/useAuth'
import { useStageLabels } from '../../pipeline-stages/hooks/useStageLabels'
import { boardKeyboardCoordinates } from '../boardKeyboard'
import { useBoard } from '../hooks/useBoard'
import { useBoardAccessibility } from '../hooks/useBoardAccessibility'
import { useBoardParams } from '../hooks/useBoardParams'
import { useMoveOpportunity, type Move } from '../hooks/useMoveOpportunity'
import type { BoardCard } from '../types'
import { BoardCardView } from './BoardCardView'
import { BoardColumnView } from './BoardColumnView'
import { BoardFilters } from './BoardFilters'
import { LostReasonModal } from './LostReasonModal'
import { OpportunityFormDrawer } from './OpportunityFormDrawer'
import { OpportunityViewSwitch } from './OpportunityViewSwitch'

/** The pipeline as a Kanban board: drag a deal to another stage to move it there. */
export default function OpportunityBoardPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const notifyError = useNotifyError()
  // Marketing reads the pipeline but changes no deal (the server says so too).
  const readOnly = useAuth().hasRole('marketing')
  const boardParams = useBoardParams()
  const board = useBoard(boardParams.params)
  const { stages, byKey, name } = useStageLabels()
  const move = useMoveOpportunity(boardParams.params)
  const accessibility = useBoardAccessibility(name)
  const [dragged, setDragged] = useState<BoardCard | null>(null)
  const [losing, setLosing] = useState<Move | null>(null)
  const [creating, setCreating] = useState(false)
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }), useSensor(KeyboardSensor, { coordinateGetter: boardKeyboardCoordinates }))

  // Columns in pipeline order (the server sends them so; a stage it does not know goes last).
  const columns = useMemo(() => {
    const order = new Map(stages.map((s, i) => [s.key, i]))
    return [...(board.data?.columns ?? [])].sort((a, b) => (order.get(a.stage) ?? 999) - (order.get(b.stage) ?? 999))
  }, [board.data, stages])

  const totalLines = Math.max(1, ...columns.map((c) => c.totals.length))

  const send = (m: Move) =>
    move.mutate(m, {
      onSuccess: (o) => {
        setLosing(null)
        const kind = byKey.get(o.stage)?.kind
        if (kind === 'won') void message.success(t('board.won', { name: o.name }))
        else void message.success(t('board.moved', { name: o.name, stage: name(o.stage) }))
      },
      onError: (e) => {
        setLosing(null)
        if (isApiError(e) && e.isConflict) void message.warning(t('board.conflict', { name: m.card.name }))
        else notifyError(e)
      },
    })

  const onDragStart = ({ active }: DragStartEvent) => setDragged((active.data.current as { card: BoardCard }).card)
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    setDragged(null)
    const card = (active.data.current as { card: BoardCard } | undefined)?.card
    const to = over ? String(over.id) : null
    if (!card || !to || to === card.stage) return
    if (byKey.get(to)?.kind === 'lost') setLosing({ card, stage: to })
    else send({ card, stage: to })
  }

  return (
    <>
      <PageHeader
        title={t('opportunities.title')}
        subtitle={<OpportunityViewSwitch current="board" />}
        actions={
          !readOnly && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('opportunities.new')}
            </Button>
          )
        }
      />
      <Card styles={{ body: { paddingBottom: 12 } }}>
        <BoardFilters board={boardParams} />
        {board.error ? (
          <ErrorResult error={board.error} onRetry={() => void board.refetch()} />
        ) : board.isPending ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <DndContext sensors={sensors} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragged(null)} accessibility={accessibility}>
            <Flex gap={8} align="stretch" style={{ overflowX: 'auto', paddingBottom: 8, minHeight: 420 }} data-testid="board">
              {columns.map((col) => (
                <BoardColumnView key={col.stage} column={col} stage={byKey.get(col.stage)} name={name(col.stage)} totalLines={totalLines} locked={readOnly} />
              ))}
            </Flex>
            <DragOverlay dropAnimation={null}>{dragged && <BoardCardView card={dragged} open overlay />}</DragOverlay>
          </DndContext>
        )}
      </Card>
      <LostReasonModal
        dealName={losing?.card.name ?? null}
        stageName={losing ? name(losing.stage) : ''}
        loading={move.isPending}
        onCancel={() => setLosing(null)}
        onConfirm={(lost) => losing && send({ ...losing, lost })}
      />
      <OpportunityFormDrawer open={creating} onClose={() => setCreating(false)} />
    </>
  )
}
