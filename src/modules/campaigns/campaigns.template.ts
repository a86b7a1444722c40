import { convert } from 'html-to-text'
import { validationError, type FieldError } from '../../server/errors'

/** The merge fields a campaign e-mail may use; anything else is refused when the campaign is saved. */
export const MERGE_FIELDS = ['name', 'firstName', 'company', 'email', 'unsubscribeUrl'] as const
export type MergeField = (typeof MERGE_FIELDS)[number]
export type MergeValues = Record<MergeField, string>

/**
 * The merge fields `{{ name }}` of a text, found by one left-to-right scan. A regular expression
 * with `\s*([^{}]*?)\s*` backtracked over an unclosed `{{` and 4 KB of spaces for 8 s, blocking
 * every request; this is linear in the text.
 */
function* mergeFields(text: string): Generator<{ start: number; end: number; name: string }> {
  let from = 0
  for (let open = text.indexOf('{{', from); open >= 0; open = text.indexOf('{{', from)) {
    let close = open + 2
    while (close < text.length && text[close] !== '{' && text[close] !== '}') close++
    if (text[close] === '}' && text[close + 1] === '}') {
      yield { start: open, end: close + 2, name: text.slice(open + 2, close).trim() }
      from = close + 2
    } else from = open + 1
  }
}

const HREF = /(href\s*=\s*)(["'])(https?:\/\/[^"'\s<>]+)\2/gi

export function checkMergeFields(parts: { path: string; text: string | null | undefined }[]): void {
  const errors: FieldError[] = []
  for (const { path, text } of parts) {
    if (!text) continue
    const unknown = new Set<string>()
    for (const { name } of mergeFields(text)) if (!(MERGE_FIELDS as readonly string[]).includes(name)) unknown.add(name)
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

function merge(text: string, values: MergeValues, escape: boolean): string {
  let out = ''
  let from = 0
  for (const { start, end, name } of mergeFields(text)) {
    const v = values[name as MergeField] ?? ''
    out += text.slice(from, start) + (escape ? escapeHtml(v) : v)
    from = end
  }
  return out + text.slice(from)
}

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
  if (![...mergeFields(body)].some((f) => f.name === 'unsubscribeUrl')) body += FOOTER
  let html = merge(body, values, true)
  if (tracking) {
    const pixel = `<img src="${escapeHtml(tracking.pixelUrl)}" width="1" height="1" alt="" style="display:none">`
    html = /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${pixel}</body>`) : html + pixel
  }
  return { subject: merge(t.subject, values, false).replace(/[\r\n]+/g, ' '), html, text: htmlToText(merge(body, values, true)) }
}

/**
 * A plain-text part for clients that show no HTML: links kept as "text (url)". An HTML parser, not
 * regular expressions: `<script>` or `<a href>` left unclosed thousands of times made the old
 * patterns quadratic in a 500 KB body.
 */
export function htmlToText(html: string): string {
  return convert(html, {
    wordwrap: false,
    // Its walk recurses per level: 20,000 unclosed <a> tags overflowed the stack.
    limits: { maxDepth: 200 },
    selectors: [
      { selector: 'a', options: { linkBrackets: ['(', ')'], hideLinkHrefIfSameAsText: true } },
      { selector: 'img', format: 'skip' },
      { selector: 'h1', options: { uppercase: false } },
      { selector: 'h2', options: { uppercase: false } },
      { selector: 'h3', options: { uppercase: false } },
      { selector: 'table', format: 'dataTable' },
    ],
  }).replace(/\n{3,}/g, '\n\n').trim()
}
