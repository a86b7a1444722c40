import { useCompanyProfile } from './useCompanyProfile'

/**
 * The company's currency and time zone: the defaults of new records and reports. Until the
 * profile has loaded (AppLayout asks for it on every page), what the server assumes for an install
 * that never set them.
 */
export function useCompanyLocale(): { currency: string; timeZone: string } {
  const { data } = useCompanyProfile()
  return { currency: data?.currency ?? 'CNY', timeZone: data?.timeZone ?? 'Asia/Shanghai' }
}
