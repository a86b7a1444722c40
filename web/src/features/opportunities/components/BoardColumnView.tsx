import { useDroppable } from '@dnd-kit/core'
import { Badge, Flex, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { Money } from '../../../components/Money'
import type { Stage } from '../../pipeline-stages/types'
import type { BoardColumn } from '../types'
import { BoardCardView } from './BoardCardView'

const KIND_ACCENT = { open: '#6366f1', won: '#16a34a', lost: '#dc2626' } as const

interface Props {
  column: BoardColumn
  stage: Stage | undefined
  name: string
  /** Lines the totals take in the busiest column: every header gets that height, so cards line up. */
  totalLines: number
  locked?: boolean
}

/** One stage: its name, how many deals and how much money (per currency), and the deals. Drop target. */
export function BoardColumnView({ column, stage, name, totalLines, locked }: Props) {
  const { t } = useTranslation()
  const { setNodeRef, isOver } = useDroppable({ id: column.stage, data: { stage: column.stage } })
  const kind = stage?.kind ?? 'open'
  const hidden = column.count - column.items.length

  return (
    <section
      ref={setNodeRef}
      data-testid="board-column"
      data-stage={column.stage}
      aria-label={name}
      style={{
        flex: '1 1 0',
        minWidth: 168,
        display: 'flex',
        flexDirection: 'column',
        background: isOver ? '#eef2ff' : '#f1f3f8',
        outline: isOver ? '2px dashed #818cf8' : 'none',
        borderRadius: 10,
        borderTop: `3px solid ${KIND_ACCENT[kind]}`,
        transition: 'background 120ms',
      }}
    >
      <div style={{ padding: '10px 12px 6px' }}>
        <Flex justify="space-between" align="center" gap={6}>
          <Typography.Text strong ellipsis>
            {name}
          </Typography.Text>
          <Badge count={column.count} showZero color={KIND_ACCENT[kind]} data-testid="column-count" title={t('board.count', { count: column.count })} />
        </Flex>
        <div style={{ minHeight: 20 * Math.max(1, totalLines), fontSize: 12, lineHeight: '20px', color: 'rgba(0,0,0,0.6)' }} data-testid="column-totals">
          {column.totals.length === 0 ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              —
            </Typography.Text>
          ) : (
            column.totals.map((total) => (
              <div key={total.currency}>
                <Money amount={total.amount} currency={total.currency} />
              </div>
            ))
          )}
        </div>
        {stage && (
          <Typography.Text type="secondary" style={{ fontSize: 11 }}>
            {t('board.probability', { probability: stage.probability })}
          </Typography.Text>
        )}
      </div>
      <Flex vertical gap={8} style={{ padding: '4px 8px 10px', flex: 1, minHeight: 120 }}>
        {column.items.map((card) => (
          <BoardCardView key={card.id} card={card} open={kind === 'open'} locked={locked} />
        ))}
        {column.items.length === 0 && !locked && (
          <Typography.Text type="secondary" style={{ textAlign: 'center', fontSize: 12, padding: '16px 0' }}>
            {t('board.dropHere')}
          </Typography.Text>
        )}
        {hidden > 0 && (
          <Link to={`/opportunities?stage=${encodeURIComponent(column.stage)}`} style={{ fontSize: 12, textAlign: 'center' }}>
            {t('board.more', { count: hidden })}
          </Link>
        )}
      </Flex>
    </section>
  )
}
