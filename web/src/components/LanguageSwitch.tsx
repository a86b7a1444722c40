import { GlobalOutlined } from '@ant-design/icons'
import { Button, Dropdown } from 'antd'
import { useTranslation } from 'react-i18next'
import { useChangeLanguage } from '../features/auth/hooks/useChangeLanguage'
import { isAppLocale, LOCALES } from '../lib/locale'

/** 中文 / English, each named in its own language. */
export function LanguageSwitch({ showLabel = true }: { showLabel?: boolean }) {
  const { t, i18n } = useTranslation()
  const changeLanguage = useChangeLanguage()
  const current = isAppLocale(i18n.language) ? i18n.language : 'en'
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        selectable: true,
        selectedKeys: [current],
        items: LOCALES.map((l) => ({ key: l, label: t(`languages.${l}`) })),
        onClick: ({ key }) => isAppLocale(key) && changeLanguage(key),
      }}
    >
      <Button type="text" icon={<GlobalOutlined />} data-testid="language-switch" aria-label={t('header.language')}>
        {showLabel && t(`languages.${current}`)}
      </Button>
    </Dropdown>
  )
}
