import { FilterOutlined, SearchOutlined } from '@ant-design/icons'
import { Badge, Button, Flex, Grid } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { EnumFilter } from '../../../components/EnumFilter'
import { UserSelect } from '../../users/components/UserSelect'
import type { useCustomerListParams } from '../hooks/useCustomerListParams'
import { CUSTOMER_STATUSES, CUSTOMER_TYPES } from '../types'

type ListParams = ReturnType<typeof useCustomerListParams>

/** Search plus filters; on a phone the filters fold away behind a button. */
export function CustomerFilters({ list }: { list: ListParams }) {
  const { t } = useTranslation()
  const screens = Grid.useBreakpoint()
  const narrow = !(screens.md ?? true)
  const [open, setOpen] = useState(false)
  const { filters, update, clear, hasFilters } = list
  const active = (['status', 'type', 'ownerId', 'tag', 'industry'] as const).filter((k) => filters[k]).length
  const w = (px: number) => (narrow ? 'calc(50% - 4px)' : px)

  return (
    <Flex gap={8} wrap style={{ marginBottom: 16 }}>
      <Flex gap={8} style={{ width: narrow ? '100%' : 'auto' }}>
        <DebouncedInput
          value={filters.q}
          onChange={(q) => update({ q })}
          prefix={<SearchOutlined />}
          placeholder={t('customers.searchPlaceholder')}
          aria-label={t('customers.searchPlaceholder')}
          style={{ width: narrow ? '100%' : 280 }}
        />
        {narrow && (
          <Badge count={active} size="small">
            <Button icon={<FilterOutlined />} onClick={() => setOpen(!open)} aria-expanded={open} aria-label={t('common.filters')} />
          </Badge>
        )}
      </Flex>
      {(!narrow || open) && (
        <>
          <EnumFilter values={CUSTOMER_STATUSES} labels="customers.status" value={filters.status} onChange={(status) => update({ status })} label={t('customers.fields.status')} style={{ width: w(130) }} />
          <EnumFilter values={CUSTOMER_TYPES} labels="customers.type" value={filters.type} onChange={(type) => update({ type })} label={t('customers.fields.type')} style={{ width: w(130) }} />
          <UserSelect
            value={filters.ownerId}
            onChange={(ownerId) => update({ ownerId })}
            placeholder={t('customers.fields.ownerId')}
            aria-label={t('customers.fields.ownerId')}
            style={{ width: w(160) }}
          />
          <DebouncedInput
            value={filters.tag ?? ''}
            onChange={(tag) => update({ tag })}
            placeholder={t('customers.fields.tags')}
            aria-label={t('customers.fields.tags')}
            style={{ width: w(130) }}
          />
          <DebouncedInput
            value={filters.industry ?? ''}
            onChange={(industry) => update({ industry })}
            placeholder={t('customers.fields.industry')}
            aria-label={t('customers.fields.industry')}
            style={{ width: w(140) }}
          />
        </>
      )}
      {hasFilters && (
        <Button type="link" onClick={clear}>
          {t('common.clearFilters')}
        </Button>
      )}
    </Flex>
  )
}
