import { describe, expect, it } from 'vitest'
import { checkMergeFields, extractLinks, htmlToText, renderEmail, type MergeValues } from './campaigns.template'

const values: MergeValues = { name: '王小明', firstName: '王小明', company: '云帆科技', email: 'wang@yunfan.cn', unsubscribeUrl: 'https://kith.test/u/1' }
const MAX_BODY = 500_000 // campaigns.schema.ts: emailBody .max(500_000)

/** Everything Kith does to a saved body: the save-time check, the link list, a recipient's render. */
function processBody(body: string) {
  try {
    checkMergeFields([{ path: 'emailBody', text: body }])
  } catch { /* an unknown field is a 400, not a hang */ }
  const links = extractLinks(body)
  return renderEmail({ subject: `{{name}} ${body.slice(0, 200)}`, body, links }, values, { clickUrl: (i) => `https://kith.test/c/${i}`, pixelUrl: 'https://kith.test/p' })
}

describe('campaign templates', () => {
  it('fills merge fields, escaped in HTML and whole in text, and keeps text that only looks like one', () => {
    const r = renderEmail({ subject: 'Hi {{ firstName }}', body: '<p>{{name}} at {{company}} {{ {{x}} }x}} {{</p>', links: [] }, { ...values, company: 'A&B <Ltd>' }, null)
    expect(r.subject).toBe('Hi 王小明')
    expect(r.html).toContain('<p>王小明 at A&amp;B &lt;Ltd&gt; {{  }x}} {{</p>')
    expect(r.text).toContain('王小明 at A&B <Ltd>')
    expect(() => checkMergeFields([{ path: 'emailBody', text: 'Dear {{ nmae }}' }])).toThrow()
    checkMergeFields([{ path: 'emailBody', text: 'Dear {{ name }} {{unsubscribeUrl}}' }])
  })

  it('writes a plain-text part with links as "text (url)" and no markup', () => {
    const text = htmlToText('<h1>展会</h1><p>详情见 <a href="https://expo.example.com/a?b=1&amp;c=2">展会详情</a><br>谢谢</p><script>x()</script><style>p{}</style>')
    expect(text).toBe('展会\n\n详情见 展会详情 (https://expo.example.com/a?b=1&c=2)\n谢谢')
  })

  // Each of these made a regular expression backtrack: 4 KB of the first froze the server for 8 s.
  const hostile: [string, string][] = [
    ['an unclosed merge field before spaces', '{{' + ' '.repeat(MAX_BODY - 2)],
    ['unclosed merge fields', '{{ a '.repeat(MAX_BODY / 5)],
    ['nested braces', '{'.repeat(MAX_BODY)],
    ['unclosed scripts', '<script>'.repeat(MAX_BODY / 8)],
    ['unclosed links', '<a href="https://x.cn">'.repeat(Math.floor(MAX_BODY / 23))],
    ['an unterminated href', 'href="https://' + 'a'.repeat(MAX_BODY - 14)],
    ['spaces after href', 'href' + ' '.repeat(MAX_BODY - 4)],
  ]
  it.each(hostile)('processes a body of the maximum size with %s in bounded time', (_what, body) => {
    expect(body.length).toBeLessThanOrEqual(MAX_BODY)
    const started = performance.now()
    processBody(body)
    // Linear work takes tens of milliseconds here; the old patterns took minutes. Generous for a busy CI machine.
    expect(performance.now() - started).toBeLessThan(5000)
  })
})
