import { useDraggable } from '@dnd-kit/core'
import { Avatar, Flex, Typography } from 'antd'
import type { CSSProperties } from 'react'
import { Link } from 'react-router'
import { DayText } from '../../../components/DayText'
import { Money } from '../../../components/Money'
import { todayIso } from '../../../lib/format'
import type { BoardCard } from '../types'

interface Props {
  card: BoardCard
  /** The stage is open: a past close date is overdue. */
  open: boolean
  /** Rendered in the drag overlay (a copy following the pointer). */
  overlay?: boolean
  /** The user may not move deals (marketing reads the pipeline only). */
  locked?: boolean
}

const cardStyle: CSSProperties = {
  background: '#fff',
  border: '1px solid #e8eaf0',
  borderRadius: 8,
  padding: '10px 12px',
  boxShadow: '0 1px 2px rgba(16,24,40,0.04)',
  touchAction: 'none',
}

/** A deal on the board: name, customer, amount, close date, owner. Drag it to another stage. */
export function BoardCardView({ card, open, overlay = false, locked = false }: Props) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id, data: { card }, disabled: overlay || locked })
  const overdue = open && card.expectedCloseDate !== null && card.expectedCloseDate < todayIso()
  return (
    <div
      ref={overlay ? undefined : setNodeRef}
      {...(overlay ? {} : attributes)}
      {...(overlay ? {} : listeners)}
      data-testid={overlay ? undefined : 'board-card'}
      data-id={card.id}
      style={{
        ...cardStyle,
        cursor: overlay ? 'grabbing' : locked ? 'default' : 'grab',
        opacity: isDragging ? 0.35 : 1,
        boxShadow: overlay ? '0 12px 28px rgba(16,24,40,0.18)' : cardStyle.boxShadow,
        transform: overlay ? 'rotate(2deg)' : undefined,
      }}
    >
      <Link to={`/opportunities/${card.id}`} style={{ fontWeight: 600, display: 'block', wordBreak: 'break-word' }} draggable={false}>
        {card.name}
      </Link>
      <Typography.Text type="secondary" ellipsis style={{ display: 'block', fontSize: 12 }}>
        {card.customerName}
      </Typography.Text>
      <Flex justify="space-between" align="center" gap={6} wrap style={{ marginTop: 8 }}>
        <Money amount={card.amount} currency={card.currency} strong />
        <span style={{ fontSize: 12 }}>
          <DayText value={card.expectedCloseDate} overdue={overdue} />
        </span>
      </Flex>
      {card.ownerName && (
        <Flex align="center" gap={6} style={{ marginTop: 8, fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>
          <Avatar size={18} style={{ background: '#eef2ff', color: '#4f46e5', fontSize: 11 }}>
            {[...card.ownerName][0]}
          </Avatar>
          <span>{card.ownerName}</span>
        </Flex>
      )}
    </div>
  )
}
