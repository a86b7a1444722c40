import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useUserDirectory } from '../hooks/useUserDirectory'

interface Props extends Omit<SelectProps<string>, 'options' | 'mode'> {
  /** Shown while the directory loads or when the user is not in it (e.g. deactivated). */
  knownLabel?: string | null
  activeOnly?: boolean
}

/** Pick a user by name or e-mail (owner, actor filters). */
export function UserSelect({ knownLabel, activeOnly = false, value, ...rest }: Props) {
  const { t } = useTranslation()
  const { data, isLoading } = useUserDirectory()
  const options = useMemo(() => {
    const users = (data ?? []).filter((u) => !activeOnly || u.active || u.id === value)
    const opts = users.map((u) => ({ value: u.id, label: u.name, email: u.email }))
    if (value && knownLabel && !opts.some((o) => o.value === value)) opts.unshift({ value, label: knownLabel, email: '' })
    return opts
  }, [data, activeOnly, value, knownLabel])

  return (
    <Select<string>
      showSearch
      allowClear
      loading={isLoading}
      value={value}
      placeholder={t('users.pick')}
      optionFilterProp="label"
      filterOption={(input, option) => {
        const o = option as { label: string; email: string } | undefined
        const s = input.toLowerCase()
        return Boolean(o && (o.label.toLowerCase().includes(s) || o.email.toLowerCase().includes(s)))
      }}
      options={options}
      notFoundContent={t('common.noMatches')}
      {...rest}
    />
  )
}
