import { AutoComplete, Input, Select } from 'antd'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSegmentValues } from '../hooks/useSegmentValues'

interface Common {
  field: string
  'aria-label': string
  status?: 'error'
  style?: React.CSSProperties
}

const optionsOf = (items: string[] | undefined) => (items ?? []).map((v) => ({ value: v, label: v }))

/** A text value with the field's existing values offered as the user types (exports say 苏州市 where one types 苏州). */
export function SuggestedTextInput({ field, value, onChange, status, style, 'aria-label': label }: Common & { value: string; onChange: (v: string) => void }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  const values = useSegmentValues(field, value, open)
  // The label and length go on the input itself: AutoComplete would put them on its wrapper too.
  // Typing and picking, not onChange: a combobox reports `undefined` for text that is no option, which would wipe what was typed.
  return (
    <AutoComplete
      value={value}
      options={optionsOf(values.data?.items)}
      status={status}
      style={style}
      onFocus={() => setOpen(true)}
      onSearch={onChange}
      onSelect={(v: string) => onChange(v)}
    >
      <Input aria-label={label} maxLength={500} placeholder={t('mailingLists.segment.valueHint')} />
    </AutoComplete>
  )
}

/** Several text values ("is one of"), each typed or picked from the field's existing values. */
export function SuggestedValuesInput({ field, value, onChange, ...common }: Common & { value: string[]; onChange: (v: string[]) => void }) {
  const { t } = useTranslation()
  const [typed, setTyped] = useState('')
  const [open, setOpen] = useState(false)
  const values = useSegmentValues(field, typed, open)
  return (
    <Select
      {...common}
      mode="tags"
      value={value}
      options={optionsOf(values.data?.items)}
      tokenSeparators={[',', '，', ';', '；']}
      placeholder={t('mailingLists.segment.tagsHint')}
      onFocus={() => setOpen(true)}
      onSearch={setTyped}
      onChange={(v: string[]) => {
        setTyped('')
        onChange(v)
      }}
    />
  )
}
