import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { App as AntApp, ConfigProvider } from 'antd'
import dayjs from 'dayjs'
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { sessionKey } from '../features/auth/api'
import { setUnauthenticatedHandler } from '../lib/api'
import { isApiError } from '../lib/ApiError'
import { theme } from './theme'
import { antdLocale } from './i18n'

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // 4xx answers do not get better by asking again.
        retry: (count, error) => count < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
      },
    },
  })
}

function LocalizedConfig({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  const zh = i18n.language === 'zh-CN'
  dayjs.locale(zh ? 'zh-cn' : 'en')
  return (
    <ConfigProvider locale={antdLocale(i18n.language)} theme={theme}>
      <AntApp style={{ height: '100%' }}>{children}</AntApp>
    </ConfigProvider>
  )
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient)
  useEffect(() => {
    // Session gone (expired, signed out elsewhere): RequireAuth sends the user to /login?next=…
    setUnauthenticatedHandler(() => queryClient.setQueryData(sessionKey, null))
    return () => setUnauthenticatedHandler(null)
  }, [queryClient])
  return (
    <QueryClientProvider client={queryClient}>
      <LocalizedConfig>{children}</LocalizedConfig>
    </QueryClientProvider>
  )
}
