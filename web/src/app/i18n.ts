import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from '../i18n/en.json'
import zhCN from '../i18n/zh-CN.json'
import { initialLocale } from '../lib/locale'

type Messages = Record<string, unknown>

// Each feature may keep its own strings in features/<name>/i18n/{en,zh-CN}.json under a top-level
// key named for the feature, so modules own their texts and do not all edit one file.
const featureFiles = import.meta.glob<Messages>('../features/*/i18n/*.json', { eager: true, import: 'default' })

function withFeatures(base: Messages, lng: 'en' | 'zh-CN'): Messages {
  const merged: Messages = { ...base }
  for (const [path, messages] of Object.entries(featureFiles)) {
    if (!path.endsWith(`/${lng}.json`)) continue
    for (const [key, value] of Object.entries(messages)) {
      if (key in merged) throw new Error(`i18n key "${key}" in ${path} is already defined`)
      merged[key] = value
    }
  }
  return merged
}

void i18n.use(initReactI18next).init({
  resources: {
    'zh-CN': { translation: withFeatures(zhCN, 'zh-CN') },
    en: { translation: withFeatures(en, 'en') },
  },
  lng: initialLocale(),
  fallbackLng: 'en',
  supportedLngs: ['zh-CN', 'en'],
  interpolation: { escapeValue: false }, // React escapes what it renders
  returnNull: false,
})

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng
})
document.documentElement.lang = i18n.language

export default i18n
