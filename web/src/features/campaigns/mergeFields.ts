import type { MergeField } from '@server/modules/campaigns/campaigns.template'

/**
 * Merge fields a template may use (the server's list: it refuses any other {{field}} at save).
 * The editor offers them as buttons; the draft preview fills them per recipient.
 */
export const MERGE_FIELDS = ['name', 'firstName', 'company', 'email', 'unsubscribeUrl'] as const satisfies readonly MergeField[]

const TOKEN = /\{\{\s*([^{}]*?)\s*\}\}/g

export interface PreviewRecipient {
  name: string
  email: string | null
  company?: string | null
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** As the server: Western names give their first word; a Chinese name (no space) is used whole. */
const firstNameOf = (name: string) => {
  const t = name.trim()
  return t.includes(' ') ? t.split(/\s+/)[0]! : t
}

/**
 * An unsaved draft as this recipient would read it (the saved template is previewed by the
 * server). Values are HTML-escaped; an unknown field stays visible as typed, so the mistake shows.
 */
export function renderDraft(template: string, r: PreviewRecipient | null, unsubscribeUrl: string, html = true): string {
  const values: Record<MergeField, string> = {
    name: r?.name ?? '',
    firstName: r ? firstNameOf(r.name) : '',
    company: r?.company ?? '',
    email: r?.email ?? '',
    unsubscribeUrl,
  }
  return template.replace(TOKEN, (whole, key: string) => {
    if (!(key in values)) return whole
    const v = values[key as MergeField]
    return html ? escapeHtml(v) : v
  })
}
