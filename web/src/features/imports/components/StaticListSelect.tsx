import { Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useDebouncedValue } from '../../../hooks/useDebouncedValue'
import { useMailingList } from '../../mailing-lists/hooks/useMailingList'
import { useMailingLists } from '../../mailing-lists/hooks/useMailingLists'

interface Props {
  value: string | undefined
  onChange: (listId: string | undefined) => void
}

/** The static list a members import fills; dynamic lists (segments) follow their filter and take no members. */
export function StaticListSelect({ value, onChange }: Props) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  const q = useDebouncedValue(text.trim(), 250)
  const { data, isFetching } = useMailingLists({ kind: 'static', q: q || undefined, limit: 50 })
  // The chosen list keeps its name while a search shows other lists (or when it came in the URL).
  const current = useMailingList(value)
  const options = (data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))
  if (value && current.data && !options.some((o) => o.value === value)) options.unshift({ value, label: current.data.name })
  return (
    <Select<string>
      showSearch
      allowClear
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      filterOption={false}
      onSearch={setText}
      loading={isFetching}
      placeholder={t('imports.mailingList.pick')}
      notFoundContent={isFetching ? t('common.loading') : t('imports.mailingList.none')}
      options={options}
      data-testid="import-list"
    />
  )
}
