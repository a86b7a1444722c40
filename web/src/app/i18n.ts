import i18n, { type BackendModule } from 'i18next'
import type { Locale as AntdLocale } from 'antd/es/locale'
import { initReactI18next } from 'react-i18next'
import { initialLocale, type AppLocale } from '../lib/locale'

// Each language is its own chunk (the app's strings, antd's and dayjs's): a page loads only the
// language it shows, and the other one only when the user switches to it. i18next asks this
// backend before it changes language, so a switch never shows keys instead of words.
const bundles: Record<AppLocale, () => Promise<{ default: { messages: Record<string, unknown>; antd: AntdLocale } }>> = {
  en: () => import('../i18n/bundle.en'),
  'zh-CN': () => import('../i18n/bundle.zh-CN'),
}

const antdLocales: Partial<Record<string, AntdLocale>> = {}

/** antd's texts (date pickers, pagination, empty tables) for a language that has been loaded. */
export const antdLocale = (lng: string): AntdLocale | undefined => antdLocales[lng]

const chunkBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    const load = bundles[language as AppLocale]
    if (!load) return callback(null, {})
    load().then(
      ({ default: bundle }) => {
        antdLocales[language] = bundle.antd
        callback(null, bundle.messages as never)
      },
      (err: Error) => callback(err, null),
    )
  },
}

/** Settles once the first language is loaded: main.tsx renders after it, so no key ever shows. */
export const i18nReady = i18n
  .use(chunkBackend)
  .use(initReactI18next)
  .init({
    lng: initialLocale(),
    // Both files have the same keys (src/test/i18n-parity.test.ts): no fallback language to load.
    fallbackLng: false,
    supportedLngs: ['zh-CN', 'en'],
    load: 'currentOnly',
    interpolation: { escapeValue: false }, // React escapes what it renders
    returnNull: false,
    react: { useSuspense: false },
  })

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng
})

export default i18n
