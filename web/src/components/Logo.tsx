import { Typography } from 'antd'
import { useTranslation } from 'react-i18next'

interface Props {
  /** Show only the mark (collapsed navigation). */
  compact?: boolean
  size?: number
}

/** The Kith mark: a "K" whose arms reach out, like a circle of friends. */
export function Logo({ compact = false, size = 28 }: Props) {
  const { t } = useTranslation()
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10 }} aria-label={t('app.name')}>
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true">
        <defs>
          <linearGradient id="kith-logo" x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#6366f1" />
            <stop offset="1" stopColor="#4338ca" />
          </linearGradient>
        </defs>
        <rect width="32" height="32" rx="8" fill="url(#kith-logo)" />
        <path d="M11 8v16M11 16.5l8.5-8.5M14 13.5l7.5 10.5" stroke="#fff" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" fill="none" />
      </svg>
      {!compact && (
        <Typography.Text strong style={{ fontSize: size * 0.7, letterSpacing: 0.3 }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </span>
  )
}
