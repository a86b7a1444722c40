import { PlusOutlined } from '@ant-design/icons'
import { Button, Flex, Radio, Typography } from 'antd'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { emptyCondition, type Match, type SegmentDraft } from '../segment'
import { ConditionRow } from './ConditionRow'

interface Props {
  value: SegmentDraft
  onChange: (next: SegmentDraft) => void
  /** Server errors by row index. */
  errors?: Record<number, string>
}

export const MAX_CONDITIONS = 20

/** Rows of conditions joined by AND or OR; the rows' fields and operators are what the server accepts. */
export function SegmentBuilder({ value, onChange, errors = {} }: Props) {
  const { t } = useTranslation()
  const { match, conditions } = value
  const joiner = t(match === 'all' ? 'mailingLists.segment.and' : 'mailingLists.segment.or')

  return (
    <Flex vertical gap={12} data-testid="segment-builder">
      <Flex align="center" gap={8} wrap>
        <Typography.Text>{t('mailingLists.segment.matchPrefix')}</Typography.Text>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size="small"
          value={match}
          onChange={(e) => onChange({ ...value, match: e.target.value as Match })}
          options={[
            { value: 'all', label: t('mailingLists.segment.matchAll') },
            { value: 'any', label: t('mailingLists.segment.matchAny') },
          ]}
        />
        <Typography.Text>{t('mailingLists.segment.matchSuffix')}</Typography.Text>
      </Flex>
      {conditions.map((c, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <Typography.Text type="secondary" strong style={{ fontSize: 12, letterSpacing: 1 }}>
              {joiner}
            </Typography.Text>
          )}
          <ConditionRow
            index={i}
            condition={c}
            error={errors[i]}
            onChange={(next) => onChange({ ...value, conditions: conditions.map((x, j) => (j === i ? next : x)) })}
            onRemove={conditions.length > 1 ? () => onChange({ ...value, conditions: conditions.filter((_, j) => j !== i) }) : undefined}
          />
        </Fragment>
      ))}
      <div>
        <Button
          icon={<PlusOutlined />}
          disabled={conditions.length >= MAX_CONDITIONS}
          onClick={() => {
            // Leads and customers cannot mix in one segment: a new row starts in the same group as the last.
            const last = conditions[conditions.length - 1]
            onChange({ ...value, conditions: [...conditions, emptyCondition(last?.field.startsWith('lead.') ? 'lead.source' : 'customer.city')] })
          }}
        >
          {t('mailingLists.segment.add')}
        </Button>
      </div>
    </Flex>
  )
}
