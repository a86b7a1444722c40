import { Select } from 'antd'
import type { SelectProps } from 'antd'
import { useMemo } from 'react'

/** Every IANA zone the browser knows, with its current UTC offset ("Asia/Shanghai (UTC+8)"). */
export function TimeZoneSelect(props: Omit<SelectProps<string>, 'options'>) {
  const options = useMemo(() => {
    const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC', 'Asia/Shanghai']
    if (!zones.includes('UTC')) zones.unshift('UTC')
    const now = new Date()
    return zones.map((zone) => {
      const offset = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(now).find((p) => p.type === 'timeZoneName')?.value ?? ''
      return { value: zone, label: `${zone.replace(/_/g, ' ')} (${offset.replace('GMT', 'UTC') || 'UTC'})` }
    })
  }, [])
  return <Select<string> showSearch optionFilterProp="label" options={options} {...props} />
}
