import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { useCustomerList } from '../hooks/useCustomerList'
import type { Customer } from '../types'

interface Props extends Omit<SelectProps<string>, 'options' | 'mode' | 'onChange'> {
  /** Customers not offered (e.g. the merge target itself). */
  excludeId?: string
  /** Label for the current value before it shows up in the results. */
  knownLabel?: string | null
  onChange?: (id: string | undefined, customer: Customer | undefined) => void
}

/** Find a customer by typing (name, e-mail, phone, company; typo-tolerant on the server). */
export function CustomerSelect({ excludeId, knownLabel, value, onChange, ...rest }: Props) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const q = useDebouncedValue(text.trim(), 250)
  const { data, isFetching } = useCustomerList({ q: q || undefined, limit: 20 })
  const items = (data?.items ?? []).filter((c) => c.id !== excludeId)
  const options = items.map((c) => ({ value: c.id, label: c.company && c.company !== c.name ? `${c.name} · ${c.company}` : c.name }))
  if (value && knownLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: knownLabel })

  return (
    <Select<string>
      showSearch
      allowClear
      value={value}
      filterOption={false}
      onSearch={setText}
      loading={isFetching}
      placeholder={t('customers.pick')}
      notFoundContent={isFetching ? t('common.loading') : t('common.noMatches')}
      options={options}
      onChange={(id) => onChange?.(id, items.find((c) => c.id === id))}
      {...rest}
    />
  )
}
