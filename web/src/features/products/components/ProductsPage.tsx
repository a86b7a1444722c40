import { PlusOutlined, SearchOutlined } from '@ant-design/icons'
import { App, Button, Card, Flex, Segmented } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CursorPager } from '../../../components/CursorPager'
import { DebouncedInput } from '../../../components/DebouncedInput'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorResult } from '../../../components/ErrorResult'
import { PageHeader } from '../../../components/PageHeader'
import { useCursorPager } from '../../../hooks/useCursorPager'
import { useNotifyError } from '../../../hooks/useNotifyError'
import { useAuth } from '../../auth/hooks/useAuth'
import { useProductList } from '../hooks/useProductList'
import { DEFAULT_SORT, useProductListParams } from '../hooks/useProductListParams'
import { useSaveProduct } from '../hooks/useSaveProduct'
import type { Product } from '../types'
import { ProductFormDrawer } from './ProductFormDrawer'
import { ProductTable } from './ProductTable'

/** The product catalog (产品): search, active filter, create and edit in a drawer, (de)activate. */
export default function ProductsPage() {
  const { t } = useTranslation()
  const { message } = App.useApp()
  const notifyError = useNotifyError()
  const { hasRole } = useAuth()
  const canEdit = hasRole('admin', 'manager')
  const list = useProductListParams()
  const pager = useCursorPager(JSON.stringify(list.params))
  const query = useProductList({ ...list.params, cursor: pager.cursor })
  const save = useSaveProduct()
  const [editing, setEditing] = useState<Product | 'new' | null>(null)

  const toggle = (p: Product) =>
    save.mutate(
      { id: p.id, patch: { active: !p.active, version: p.version } },
      { onSuccess: (n) => void message.success(t(n.active ? 'products.activated' : 'products.deactivated', { name: n.name })), onError: notifyError },
    )

  const newButton = canEdit && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
      {t('products.new')}
    </Button>
  )
  const empty = list.hasFilters ? (
    <EmptyState title={t('products.noMatchesTitle')} action={<Button onClick={list.clear}>{t('common.clearFilters')}</Button>} />
  ) : (
    <EmptyState title={t('products.emptyTitle')} description={t('products.empty')} action={newButton} />
  )

  return (
    <>
      <PageHeader title={t('products.title')} actions={newButton} />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <DebouncedInput
            value={list.filters.q}
            onChange={(q) => list.update({ q })}
            prefix={<SearchOutlined />}
            placeholder={t('products.searchPlaceholder')}
            aria-label={t('products.searchPlaceholder')}
            style={{ width: 260 }}
          />
          <Segmented
            value={list.filters.active ?? 'all'}
            onChange={(v) => list.update({ active: v === 'all' ? undefined : (v as string) })}
            options={[
              { value: 'all', label: t('common.all') },
              { value: 'true', label: t('products.active') },
              { value: 'false', label: t('products.inactive') },
            ]}
          />
        </Flex>
        {query.error ? (
          <ErrorResult error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <>
            <ProductTable
              items={query.data?.items ?? []}
              loading={query.isFetching}
              sort={list.params.sort}
              onSortChange={(sort) => list.update({ sort: sort === DEFAULT_SORT ? undefined : sort })}
              empty={query.isPending ? ' ' : empty}
              onEdit={(p) => canEdit && setEditing(p)}
              onToggleActive={canEdit ? toggle : undefined}
            />
            <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} limit={list.limit} onLimitChange={(limit) => list.update({ limit })} />
          </>
        )}
      </Card>
      <ProductFormDrawer open={editing !== null} product={editing && editing !== 'new' ? editing : undefined} onClose={() => setEditing(null)} />
    </>
  )
}
