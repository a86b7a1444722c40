import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons'
import { Button, Card, Col, Form, Input, Radio, Row, Select, Space, Switch } from 'antd'
import { useTranslation } from 'react-i18next'
import { TeamSelect } from '../../teams/components/TeamSelect'
import { useSupportUsers } from '../../tickets/hooks/useSupportUsers'
import { TICKET_PRIORITIES, TICKET_TYPES } from '../../tickets/types'
import { STRATEGIES } from '../types'

interface Props {
  /** The rule's index in the form list. */
  name: number
  index: number
  count: number
  onMove: (from: number, to: number) => void
  onRemove: () => void
}

/** One assignment rule: what it matches (empty = any), the pool of support users, and how it deals. */
export function RuleFields({ name, index, count, onMove, onRemove }: Props) {
  const { t } = useTranslation()
  const { users, isLoading } = useSupportUsers()
  const any = t('serviceSettings.rules.any')
  const s = (k: string) => t(`serviceSettings.rules.${k}`)
  return (
    <Card
      size="small"
      data-testid="assignment-rule"
      title={
        <Space>
          <span style={{ color: 'rgba(0,0,0,0.45)' }}>#{index + 1}</span>
          <Form.Item name={[name, 'name']} noStyle rules={[{ required: true, whitespace: true, message: t('validation.required') }]}>
            <Input variant="borderless" placeholder={s('name')} aria-label={s('name')} maxLength={100} style={{ fontWeight: 500, width: 260 }} />
          </Form.Item>
        </Space>
      }
      extra={
        <Space size={4}>
          <Form.Item name={[name, 'active']} valuePropName="checked" noStyle>
            <Switch size="small" checkedChildren={s('on')} unCheckedChildren={s('off')} aria-label={s('active')} />
          </Form.Item>
          <Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={s('up')} disabled={index === 0} onClick={() => onMove(index, index - 1)} />
          <Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={s('down')} disabled={index === count - 1} onClick={() => onMove(index, index + 1)} />
          <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} onClick={onRemove} />
        </Space>
      }
    >
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'type']} label={t('tickets.fields.type')}>
            <Select allowClear placeholder={any} options={TICKET_TYPES.map((v) => ({ value: v, label: t(`tickets.type.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'priority']} label={t('tickets.fields.priority')}>
            <Select allowClear placeholder={any} options={TICKET_PRIORITIES.map((v) => ({ value: v, label: t(`tickets.priority.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name={[name, 'customerTeamId']} label={s('customerTeam')} tooltip={s('customerTeamHint')}>
            <TeamSelect placeholder={any} />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name={[name, 'assigneeIds']} label={s('pool')} rules={[{ required: true, message: s('poolRequired') }]}>
            <Select
              mode="multiple"
              loading={isLoading}
              optionFilterProp="label"
              placeholder={t('tickets.assignPlaceholder')}
              notFoundContent={t('tickets.noSupportUsers')}
              options={users.map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name={[name, 'strategy']} label={s('strategy')}>
            <Radio.Group optionType="button" options={STRATEGIES.map((v) => ({ value: v, label: s(`strategies.${v}`) }))} />
          </Form.Item>
        </Col>
      </Row>
    </Card>
  )
}
