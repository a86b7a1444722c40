import { App } from 'antd'
import { useCallback } from 'react'
import { useErrorText } from './useErrorText'

/** Shows an API error as a message toast (for errors that belong to no form field). */
export function useNotifyError(): (error: unknown) => void {
  const { message } = App.useApp()
  const errorText = useErrorText()
  return useCallback((error: unknown) => void message.error(errorText(error)), [message, errorText])
}
