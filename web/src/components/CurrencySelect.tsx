import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { COMMON_CURRENCIES, currencyName } from '../lib/money'

/** An ISO 4217 currency: the common ones offered by name, any other code can be typed. */
export function CurrencySelect({ value, ...rest }: Omit<SelectProps<string>, 'options' | 'mode'>) {
  const { i18n } = useTranslation()
  const [typed, setTyped] = useState('')
  const options = useMemo(() => {
    const codes: string[] = [...COMMON_CURRENCIES]
    if (value && !codes.includes(value)) codes.push(value)
    const extra = typed.trim().toUpperCase()
    if (/^[A-Z]{3}$/.test(extra) && !codes.includes(extra)) codes.push(extra)
    return codes.map((c) => ({ value: c, label: `${c} · ${currencyName(c)}` }))
  }, [value, typed, i18n.language]) // names follow the language
  return <Select<string> showSearch value={value} onSearch={setTyped} optionFilterProp="label" options={options} popupMatchSelectWidth={false} {...rest} />
}
