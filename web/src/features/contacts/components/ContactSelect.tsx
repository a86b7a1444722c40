import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { useContactList } from '../hooks/useContactList'

interface Props extends Omit<SelectProps<string>, 'options' | 'mode'> {
  /** Only this customer's contacts; nothing to pick without one. */
  customerId: string | undefined
}

/** Pick one of a customer's contacts. */
export function ContactSelect({ customerId, ...rest }: Props) {
  const { t } = useTranslation()
  const { data, isFetching } = useContactList({ customerId, sort: 'name', limit: 200 }, Boolean(customerId))
  const items = customerId ? (data?.items ?? []) : []
  return (
    <Select<string>
      allowClear
      showSearch
      optionFilterProp="label"
      disabled={!customerId}
      loading={isFetching}
      placeholder={t('contacts.pick')}
      options={items.map((c) => ({ value: c.id, label: c.title ? `${c.name} · ${c.title}` : c.name }))}
      notFoundContent={t('common.noMatches')}
      {...rest}
    />
  )
}
