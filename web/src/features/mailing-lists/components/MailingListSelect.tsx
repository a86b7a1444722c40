import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { useMailingList } from '../hooks/useMailingList'
import { useMailingLists } from '../hooks/useMailingLists'

/** Pick a mailing list or segment by typing its name. */
export function MailingListSelect({ value, ...rest }: Omit<SelectProps<string>, 'options' | 'mode'>) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const q = useDebouncedValue(text.trim(), 250)
  const { data, isFetching } = useMailingLists({ q: q || undefined, limit: 20 })
  const current = useMailingList(value)
  const options = (data?.items ?? []).map((l) => ({ value: l.id, label: `${l.name} · ${t(`mailingLists.kind.${l.kind}`)}` }))
  if (value && current.data && !options.some((o) => o.value === value)) options.unshift({ value, label: `${current.data.name} · ${t(`mailingLists.kind.${current.data.kind}`)}` })
  return (
    <Select<string>
      showSearch
      allowClear
      value={value}
      filterOption={false}
      onSearch={setText}
      loading={isFetching}
      placeholder={t('mailingLists.pick')}
      notFoundContent={isFetching ? t('common.loading') : t('common.noMatches')}
      options={options}
      {...rest}
    />
  )
}
