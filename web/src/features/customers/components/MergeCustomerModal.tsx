import { useQuery } from '@tanstack/react-query'
import { Alert, App, Empty, Flex, Modal, Radio, Space, Spin, Table, Tag, Typography } from 'antd'
import type { ReactNode } from 'react'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { isApiError } from '../../../lib/ApiError'
import { formatDate, formatNumber } from '../../../lib/format'
import { customersApi } from '../api'
import { candidateDetails } from '../hooks/useCustomerDuplicates'
import { useCustomerFieldDisplay } from '../hooks/useCustomerFieldDisplay'
import { useMergeCandidates } from '../hooks/useMergeCandidates'
import { useMergeCustomers } from '../hooks/useMergeCustomers'
import { customerKeys, type Customer, type CustomerCandidate, type MergeField } from '../types'
import { CustomerSelect } from './CustomerSelect'

interface Props {
  open: boolean
  target: Customer
  onClose: () => void
}

/** The fields chosen side by side, in the order the form shows them (the server's MERGE_FIELDS). */
const FIELDS: MergeField[] = ['name', 'type', 'email', 'phone', 'company', 'website', 'industry', 'address', 'status', 'source', 'ownerId', 'description']
type Side = 'target' | 'source'

const blank = (v: unknown) => v === null || v === undefined || v === '' || (typeof v === 'object' && Object.values(v as object).every((x) => x === null || x === undefined || x === ''))
const same = (a: unknown, b: unknown) => (blank(a) && blank(b)) || JSON.stringify(a) === JSON.stringify(b)
const addressText = (a: Customer['address']) => (a ? [a.country, a.region, a.city, a.street, a.postalCode].filter(Boolean).join(' ') : '')

/** What the server would do for a field nobody chose: keep the target's, or take the source's where the target's is blank. */
const defaultSide = (field: MergeField, target: Customer, source: Customer): Side =>
  field !== 'ownerId' && blank(target[field]) && !blank(source[field]) ? 'source' : 'target'

/**
 * Merge a duplicate INTO this customer, HubSpot-style: pick one of the likely duplicates (or search
 * for another), then choose field by field which value the merged record keeps, side by side with
 * what tells the two apart (owner, created, contacts, deals). The duplicate is deleted; its
 * contacts and deals move here.
 */
export function MergeCustomerModal({ open, target, onClose }: Props) {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const merge = useMergeCustomers()
  const notifyError = useNotifyError()
  const display = useCustomerFieldDisplay()
  const candidates = useMergeCandidates(target.id, open)
  const [sourceId, setSourceId] = useState<string | undefined>()
  const [choices, setChoices] = useState<Partial<Record<MergeField, Side>>>({})
  const source = useQuery({ queryKey: customerKeys.detail(sourceId ?? ''), queryFn: () => customersApi.get(sourceId!), enabled: Boolean(sourceId) })
  const listed = candidates.data?.items.find((c) => c.id === sourceId)
  // A duplicate found by search is summarised on its own.
  const searched = useMergeCandidates(sourceId, open && Boolean(sourceId) && !listed && !candidates.isLoading)
  const sourceSummary: CustomerCandidate | undefined = listed ?? searched.data?.record
  const targetSummary = candidates.data?.record

  useEffect(() => {
    if (!open) {
      setSourceId(undefined)
      setChoices({})
    }
  }, [open])
  // The first likely duplicate is proposed.
  useEffect(() => {
    if (open && !sourceId && candidates.data?.items[0]) setSourceId(candidates.data.items[0].id)
  }, [open, sourceId, candidates.data])
  useEffect(() => setChoices({}), [sourceId])

  const differing = useMemo(() => (source.data ? FIELDS.filter((f) => !same(target[f], source.data[f])) : []), [target, source.data])
  const sideOf = (f: MergeField): Side => choices[f] ?? (source.data ? defaultSide(f, target, source.data) : 'target')

  const confirm = () => {
    const s = source.data
    if (!s) return
    merge.mutate(
      { targetId: target.id, sourceId: s.id, version: target.version, sourceVersion: s.version, fields: Object.fromEntries(differing.map((f) => [f, sideOf(f)])) },
      {
        onSuccess: (merged) => {
          message.success(t('customers.merge.done', { source: s.name, target: merged.name }))
          onClose()
        },
        onError: (e) => {
          if (isApiError(e) && e.isConflict) {
            message.warning(t('customers.merge.stale'))
            void source.refetch()
            void candidates.refetch()
          } else notifyError(e)
        },
      },
    )
  }

  const show = (f: MergeField | 'tags', c: Customer) => {
    const v = c[f]
    if (blank(v) || (Array.isArray(v) && v.length === 0)) return <Typography.Text type="secondary">—</Typography.Text>
    if (f === 'address') return addressText(c.address)
    if (f === 'ownerId') return c.ownerName ?? display.value(f, v)
    if (f === 'tags') return (c.tags).map((tag) => <Tag key={tag}>{tag}</Tag>)
    return <span style={{ whiteSpace: 'pre-wrap' }}>{String(display.value(f, v))}</span>
  }
  const counts = (s: CustomerCandidate | undefined, key: 'contacts' | 'opportunities') => (s ? formatNumber(s.related[key] ?? 0) : '…')

  type Row = { key: string; label: string; field?: MergeField; target: ReactNode; source: ReactNode }
  const rows: Row[] = source.data
    ? [
        // First what tells the two apart at a glance, then a choice per field.
        { key: 'createdAt', label: t('customers.fields.createdAt'), target: formatDate(target.createdAt), source: formatDate(source.data.createdAt) },
        { key: 'contacts', label: t('customers.merge.contacts'), target: counts(targetSummary, 'contacts'), source: counts(sourceSummary, 'contacts') },
        { key: 'opportunities', label: t('customers.merge.opportunities'), target: counts(targetSummary, 'opportunities'), source: counts(sourceSummary, 'opportunities') },
        ...FIELDS.map((f) => ({ key: f, label: t(`customers.fields.${f}`), field: differing.includes(f) ? f : undefined, target: show(f, target), source: show(f, source.data) })),
        { key: 'tags', label: t('customers.fields.tags'), target: show('tags', target), source: show('tags', source.data) },
      ]
    : []

  const cell = (side: Side) => (_: unknown, r: Row) =>
    r.field ? (
      <Radio
        checked={sideOf(r.field) === side}
        onChange={() => setChoices((c) => ({ ...c, [r.field!]: side }))}
        data-testid={`merge-choice-${r.field}-${side}`}
        style={{ alignItems: 'flex-start' }}
      >
        {r[side]}
      </Radio>
    ) : (
      <div style={{ paddingInlineStart: r.key === 'tags' || r.key === 'createdAt' || r.key === 'contacts' || r.key === 'opportunities' ? 0 : 24 }}>{r[side]}</div>
    )

  return (
    <Modal
      open={open}
      title={t('customers.merge.title')}
      onCancel={onClose}
      onOk={confirm}
      okText={t('customers.merge.confirm')}
      okButtonProps={{ danger: true, disabled: !source.data, loading: merge.isPending }}
      cancelText={t('common.cancel')}
      width={920}
      destroyOnHidden
    >
        <Typography.Paragraph type="secondary">{t('customers.merge.explainSides', { target: target.name })}</Typography.Paragraph>
        <Typography.Title level={5} style={{ marginTop: 0 }}>{t('customers.merge.candidates')}</Typography.Title>
        {candidates.isLoading ? (
          <Spin />
        ) : candidates.data?.items.length ? (
          <Radio.Group value={sourceId} onChange={(e) => setSourceId(e.target.value as string)} style={{ width: '100%' }} data-testid="merge-candidates">
            <Space direction="vertical" style={{ width: '100%' }}>
              {candidates.data.items.map((c) => (
                <div key={c.id} data-testid="merge-candidate">
                  <Radio value={c.id}>
                    <Typography.Text strong>{c.name}</Typography.Text>{' '}
                    <Tag bordered={false} color="orange">
                      {t('duplicates.matchedOn', { fields: c.matchedOn.map((f) => t(`duplicates.fields.${f}`)).join(t('customers.merge.sep')) })}
                    </Tag>
                    <div style={{ fontSize: 12, color: 'rgba(0,0,0,0.55)' }}>{candidateDetails(t, c).join(' · ')}</div>
                  </Radio>
                </div>
              ))}
            </Space>
          </Radio.Group>
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customers.merge.noCandidates')} style={{ margin: '8px 0' }} />
        )}
        <Flex align="center" gap={8} style={{ margin: '12px 0 16px' }}>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>{t('customers.merge.searchOther')}</Typography.Text>
          <CustomerSelect excludeId={target.id} value={listed ? undefined : sourceId} knownLabel={listed ? undefined : source.data?.name} onChange={(id) => setSourceId(id)} style={{ flex: 1 }} allowClear />
        </Flex>
        {sourceId && !source.data && <Spin />}
        {source.data && (
          <>
            <Table<Row>
              size="small"
              bordered
              pagination={false}
              rowKey="key"
              data-testid="merge-compare"
              dataSource={rows}
              columns={[
                { key: 'label', title: t('customers.merge.field'), dataIndex: 'label', width: 110, render: (v: string, r) => <Typography.Text strong={Boolean(r.field)}>{v}</Typography.Text> },
                { key: 'target', title: <span>{target.name} <Tag color="green" bordered={false}>{t('customers.merge.kept')}</Tag></span>, render: cell('target'), width: '44%' },
                { key: 'source', title: <span>{source.data.name} <Tag color="red" bordered={false}>{t('customers.merge.removed')}</Tag></span>, render: cell('source'), width: '44%' },
              ]}
            />
            <Alert
              style={{ marginTop: 16 }}
              type="warning"
              showIcon
              message={t('customers.merge.summary', { source: source.data.name, target: target.name })}
              description={t('customers.merge.consequenceSides', { source: source.data.name, target: target.name })}
            />
          </>
        )}
    </Modal>
  )
}

