import { useAuth } from '../features/auth/hooks/useAuth'
import { formatPhone, phoneHref } from '../lib/phone'

/** A stored E.164 number, formatted for the installation's region, as a tel: link. */
export function PhoneText({ value, link = false }: { value: string | null | undefined; link?: boolean }) {
  const { defaultRegion } = useAuth()
  if (!value) return null
  const text = formatPhone(value, defaultRegion)
  if (!link) return <span style={{ whiteSpace: 'nowrap' }}>{text}</span>
  return (
    <a href={phoneHref(value)} style={{ whiteSpace: 'nowrap' }} onClick={(e) => e.stopPropagation()}>
      {text}
    </a>
  )
}
