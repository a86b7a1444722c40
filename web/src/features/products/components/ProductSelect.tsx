import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { formatMoney } from '../../../lib/money'
import { useProductList } from '../hooks/useProductList'
import type { Product } from '../types'

interface Props extends Omit<SelectProps<string>, 'options' | 'mode' | 'onChange' | 'onSelect'> {
  /** Called with the whole product, so a line can copy its SKU, name, price and tax rate. */
  onPick: (product: Product) => void
}

/** Search the active catalog by SKU or name (on the server, 20 at a time) and pick one product. */
export function ProductSelect({ onPick, ...rest }: Props) {
  const { t } = useTranslation()
  const [search, setSearch] = useState('')
  const q = useDebouncedValue(search.trim(), 250)
  const { data, isFetching } = useProductList({ q: q || undefined, active: true, limit: 20 } as never)
  const items = data?.items ?? []
  return (
    <Select<string>
      showSearch
      filterOption={false}
      onSearch={setSearch}
      loading={isFetching}
      placeholder={t('products.pick')}
      notFoundContent={isFetching ? t('common.loading') : t('common.noMatches')}
      popupMatchSelectWidth={360}
      options={items.map((p) => ({ value: p.id, label: `${p.sku} · ${p.name} · ${formatMoney(p.unitPrice, p.currency)}` }))}
      onChange={(id) => {
        const p = items.find((x) => x.id === id)
        if (p) onPick(p)
      }}
      {...rest}
    />
  )
}
