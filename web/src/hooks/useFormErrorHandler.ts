import type { FormInstance } from 'antd'
import { useCallback } from 'react'
import { applyFieldErrors } from '../lib/forms'
import { useNotifyError } from './useNotifyError'
import { useServerMessage } from './useServerMessage'

/** Field errors go under their fields; anything else becomes a toast. */
export function useFormErrorHandler(form: FormInstance): (error: unknown) => void {
  const notify = useNotifyError()
  const serverMessage = useServerMessage()
  return useCallback(
    (error: unknown) => {
      if (!applyFieldErrors(form, error, serverMessage)) notify(error)
    },
    [form, notify, serverMessage],
  )
}
