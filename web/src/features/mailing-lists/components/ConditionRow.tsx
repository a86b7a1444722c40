import { DeleteOutlined } from '@ant-design/icons'
import { Button, Col, Row, Select, Typography } from 'antd'
import { useTranslation } from 'react-i18next'
import { fieldLabelKey, opsOf, SEGMENT_FIELDS, valueKindOf, type FieldGroup } from '../segment'
import type { Condition } from '../types'
import { ConditionValueInput } from './ConditionValueInput'

const GROUPS: FieldGroup[] = ['customer', 'contact', 'lead']

/** Order and tag fields read better with their own words ("has ordered within", "has any of"). */
const opLabelKey = (field: string, op: string) =>
  field === 'customer.lastOrderAt' ? `mailingLists.ops.orders.${op}` : field === 'customer.tags' ? `mailingLists.ops.tags.${op}` : `mailingLists.ops.${op}`

interface Props {
  index: number
  condition: Condition
  onChange: (next: Condition) => void
  onRemove?: () => void
  error?: string
}

/** One "field · operator · value" row of a segment. */
export function ConditionRow({ index, condition, onChange, onRemove, error }: Props) {
  const { t } = useTranslation()
  const status = error ? ('error' as const) : undefined

  const changeField = (field: string) => {
    const ops = opsOf(field)
    const op = ops.includes(condition.op as (typeof ops)[number]) ? condition.op : (ops[0] ?? 'eq')
    // The old value rarely fits the new field (a city is no number of days): start empty.
    onChange({ field, op, value: undefined })
  }
  const changeOp = (op: string) => {
    const sameShape = valueKindOf(condition.field, op) === valueKindOf(condition.field, condition.op)
    onChange({ ...condition, op, value: sameShape ? condition.value : undefined })
  }

  return (
    <div data-testid="segment-row" data-index={index}>
      <Row gutter={[8, 8]} align="middle" wrap>
        <Col xs={24} sm={7}>
          <Select
            aria-label={t('mailingLists.segment.field')}
            value={condition.field}
            onChange={changeField}
            status={status}
            style={{ width: '100%' }}
            showSearch
            optionFilterProp="label"
            options={GROUPS.map((g) => ({
              label: t(`mailingLists.fieldGroups.${g}`),
              options: SEGMENT_FIELDS.filter((f) => f.group === g).map((f) => ({ value: f.key, label: t(fieldLabelKey(f.key)) })),
            }))}
          />
        </Col>
        <Col xs={24} sm={6}>
          <Select
            aria-label={t('mailingLists.segment.operator')}
            value={condition.op}
            onChange={changeOp}
            status={status}
            style={{ width: '100%' }}
            options={opsOf(condition.field).map((o) => ({ value: o, label: t(opLabelKey(condition.field, o)) }))}
          />
        </Col>
        <Col xs={20} sm={9}>
          <ConditionValueInput condition={condition} status={status} onChange={(value) => onChange({ ...condition, value })} />
        </Col>
        <Col xs={4} sm={2} style={{ textAlign: 'right' }}>
          {onRemove && <Button type="text" icon={<DeleteOutlined />} aria-label={t('mailingLists.segment.remove')} onClick={onRemove} />}
        </Col>
      </Row>
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
    </div>
  )
}
