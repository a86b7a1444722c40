import { api } from '../../lib/api'

export type PrivacyKind = 'customer' | 'contact' | 'lead'

export interface PrivacyErasure {
  kind: PrivacyKind
  id: string
  rows: Record<string, number>
  suppressedHashes: number
}

const path = (kind: PrivacyKind, id: string) => `/privacy/${kind}/${encodeURIComponent(id)}`

export const privacyApi = {
  /** A plain link: the browser streams the ZIP to disk with the session cookie. */
  exportHref: (kind: PrivacyKind, id: string) => `/api/v1${path(kind, id)}/export`,
  erase: (kind: PrivacyKind, id: string, body: { version: number; confirm: string }) => api.post<PrivacyErasure>(`${path(kind, id)}/erase`, body),
}
