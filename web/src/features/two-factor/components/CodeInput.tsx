import { Input } from 'antd'
import { useTranslation } from 'react-i18next'

/** A one-time code field: digits from the app, or (recovery) a xxxx-xxxx-xxxx-xxxx code. */
export function CodeInput({ recovery = false, ...rest }: { recovery?: boolean; value?: string; onChange?: (e: unknown) => void; autoFocus?: boolean }) {
  const { t } = useTranslation()
  return recovery ? (
    <Input {...rest} autoComplete="off" spellCheck={false} placeholder="xxxx-xxxx-xxxx-xxxx" size="large" />
  ) : (
    <Input {...rest} inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder={t('twoFactor.codePlaceholder')} size="large" />
  )
}
