import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useTranslation } from 'react-i18next'
import { useSupportUsers } from '../hooks/useSupportUsers'

interface Props extends Omit<SelectProps<string>, 'options' | 'mode'> {
  /** The current assignee's name, shown even when he is no longer an active support user. */
  knownLabel?: string | null
}

/** Pick an active support user (the server refuses anyone else as assignee). */
export function SupportUserSelect({ knownLabel, value, ...rest }: Props) {
  const { t } = useTranslation()
  const { users, isLoading } = useSupportUsers()
  const options = users.map((u) => ({ value: u.id, label: u.name, email: u.email }))
  if (value && knownLabel && !options.some((o) => o.value === value)) options.unshift({ value, label: knownLabel, email: '' })
  return (
    <Select<string>
      showSearch
      allowClear
      loading={isLoading}
      value={value}
      placeholder={t('tickets.assignPlaceholder')}
      filterOption={(input, option) => {
        const o = option as { label: string; email: string } | undefined
        const s = input.toLowerCase()
        return Boolean(o && (o.label.toLowerCase().includes(s) || o.email.toLowerCase().includes(s)))
      }}
      options={options}
      notFoundContent={t('tickets.noSupportUsers')}
      {...rest}
    />
  )
}
