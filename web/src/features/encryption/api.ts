import { api } from '../../lib/api'
import type { EncryptionStatus, EncryptionUpdate } from './types'

export const encryptionApi = {
  status: (signal?: AbortSignal) => api.get<EncryptionStatus>('/settings/encryption', undefined, signal),
  choose: (body: EncryptionUpdate) => api.put<EncryptionStatus>('/settings/encryption', body),
}
