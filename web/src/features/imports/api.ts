import { api, type Page } from '../../lib/api'
import { ApiError, type Problem } from '../../lib/ApiError'
import type { ImportAnalysis, ImportEntity, ImportListParams, ImportOptionsInput, ImportPreview, ImportStatus, ImportUndoResult } from './types'

const path = (id: string) => `/imports/${encodeURIComponent(id)}`

/**
 * The upload is multipart, which the JSON client does not send: the CSRF token comes from the
 * session (GET /auth/me), as the client's own requests get it.
 */
async function upload(file: File, entity: ImportEntity, sheet?: string, listId?: string): Promise<ImportAnalysis> {
  const { csrfToken } = await api.get<{ csrfToken: string }>('/auth/me')
  const form = new FormData()
  form.set('entity', entity)
  if (sheet) form.set('sheet', sheet)
  if (listId) form.set('listId', listId)
  form.set('file', file, file.name)
  let res: Response
  try {
    res = await fetch('/api/v1/imports/analyze', { method: 'POST', body: form, credentials: 'same-origin', headers: { 'X-CSRF-Token': csrfToken, Accept: 'application/json' } })
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', title: 'Network error' })
  }
  const body = (await res.json().catch(() => ({ title: res.statusText }))) as ImportAnalysis
  if (!res.ok) throw new ApiError({ ...(body as Partial<Problem>), status: res.status })
  return body
}

export const importsApi = {
  analyze: upload,
  preview: (id: string, options: ImportOptionsInput) => api.post<ImportPreview>(`${path(id)}/preview`, options),
  start: (id: string, options: ImportOptionsInput) => api.post<{ id: string }>(`${path(id)}/start`, options),
  get: (id: string, signal?: AbortSignal) => api.get<ImportStatus>(path(id), undefined, signal),
  list: (params: ImportListParams, signal?: AbortSignal) => api.get<Page<ImportStatus>>('/imports', params, signal),
  undo: (id: string) => api.post<ImportUndoResult>(`${path(id)}/undo`),
  errorsUrl: (id: string) => `/api/v1${path(id)}/errors.csv`,
  duplicatesUrl: (id: string) => `/api/v1${path(id)}/duplicates.csv`,
}
