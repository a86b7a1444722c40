import { Input } from 'antd'
import { useEffect, useRef, useState, type ComponentProps } from 'react'
import { useDebouncedValue } from '../hooks/useDebouncedValue'

type Props = { value: string; onChange: (v: string) => void; delay?: number } & Omit<ComponentProps<typeof Input>, 'value' | 'onChange'>

/** A text filter that applies itself once typing pauses (and at once on Enter). */
export function DebouncedInput({ value, onChange, delay = 300, ...rest }: Props) {
  const [text, setText] = useState(value)
  const debounced = useDebouncedValue(text, delay)
  const latest = useRef({ value, onChange })
  latest.current = { value, onChange }

  useEffect(() => setText(value), [value])
  useEffect(() => {
    if (debounced !== latest.current.value) latest.current.onChange(debounced)
  }, [debounced])

  return (
    <Input
      value={text}
      onChange={(e) => setText(e.target.value)}
      onPressEnter={() => text !== value && onChange(text)}
      allowClear
      {...rest}
    />
  )
}
