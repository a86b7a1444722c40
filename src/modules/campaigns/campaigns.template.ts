import { validationError, type FieldError } from '../../server/errors'

/** The merge fields a campaign e-mail may use; anything else is refused when the campaign is saved. */
export const MERGE_FIELDS = ['name', 'firstName', 'company', 'email', 'unsubscribeUrl'] as const
export type MergeField = (typeof MERGE_FIELDS)[number]
export type MergeValues = Record<MergeField, string>

const FIELD = /\{\{\s*([^{}]*?)\s*\}\}/g
const HREF = /(href\s*=\s*)(["'])(https?:\/\/[^"'\s<>]+)\2/gi

export function checkMergeFields(parts: { path: string; text: string | null | undefined }[]): void {
  const errors: FieldError[] = []
  for (const { path, text } of parts) {
    if (!text) continue
    const unknown = new Set<string>()
    for (const m of text.matchAll(FIELD)) if (!(MERGE_FIELDS as readonly string[]).includes(m[1]!)) unknown.add(m[1]!)
    if (unknown.size) {
      errors.push({ path, message: `Unknown merge field ${[...unknown].map((f) => `{{${f}}}`).join(', ')}; use ${MERGE_FIELDS.map((f) => `{{${f}}}`).join(', ')}` })
    }
  }
  if (errors.length) throw validationError(errors)
}

const unescapeAttr = (s: string) => s.replace(/&amp;/g, '&')

/** The template's http(s) links in order, each once: the only places a click may redirect to. */
export function extractLinks(html: string | null | undefined): string[] {
  if (!html) return []
  const links: string[] = []
  for (const m of html.matchAll(HREF)) {
    const url = unescapeAttr(m[3]!)
    if (!url.includes('{{') && !links.includes(url)) links.push(url)
  }
  return links
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Western names: the first word; a Chinese name (no space) is used whole, as a greeting would. */
export const firstNameOf = (name: string) => {
  const t = name.trim()
  return t.includes(' ') ? t.split(/\s+/)[0]! : t
}

const merge = (text: string, values: MergeValues, escape: boolean) =>
  text.replace(FIELD, (_all, f: string) => {
    const v = values[f as MergeField] ?? ''
    return escape ? escapeHtml(v) : v
  })

const FOOTER = `<hr style="border:none;border-top:1px solid #eee;margin:24px 0 8px"><p style="font-size:12px;color:#888">不想再收到此类邮件？<a href="{{unsubscribeUrl}}">退订</a> · Don't want these e-mails? <a href="{{unsubscribeUrl}}">Unsubscribe</a></p>`

export interface Rendered { subject: string; html: string; text: string }

/**
 * One recipient's message: links the template listed become tracked redirects, merge fields are
 * filled (HTML-escaped in the body), a visible unsubscribe link is added when the template has
 * none, and the open pixel goes last.
 */
export function renderEmail(
  t: { subject: string; body: string; links: string[] },
  values: MergeValues,
  tracking: { clickUrl: (index: number) => string; pixelUrl: string } | null,
): Rendered {
  let body = t.body
  if (tracking) {
    body = body.replace(HREF, (all, pre: string, q: string, url: string) => {
      const i = t.links.indexOf(unescapeAttr(url))
      return i < 0 ? all : `${pre}${q}${escapeHtml(tracking.clickUrl(i))}${q}`
    })
  }
  if (!/\{\{\s*unsubscribeUrl\s*\}\}/.test(body)) body += FOOTER
  let html = merge(body, values, true)
  if (tracking) {
    const pixel = `<img src="${escapeHtml(tracking.pixelUrl)}" width="1" height="1" alt="" style="display:none">`
    html = /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${pixel}</body>`) : html + pixel
  }
  return { subject: merge(t.subject, values, false).replace(/[\r\n]+/g, ' '), html, text: htmlToText(merge(body, values, false)) }
}

/** A plain-text part for clients that show no HTML: links kept as "text (url)". */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<a\s[^>]*href\s*=\s*(["'])([^"']*)\1[^>]*>([\s\S]*?)<\/a>/gi, (_a, _q, url: string, label: string) => `${label.replace(/<[^>]+>/g, '')} (${url})`)
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|h[1-6]|li|tr)>/gi, '\n')
    .replace(/<hr[^>]*>/gi, '\n----\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}
