import type { OutgoingMail } from '../../server/mailer'
import { firstNameOf, renderEmail, type MergeValues, type Rendered } from './campaigns.template'

export interface ComposeConfig { publicUrl: string; mailFrom: string }
export interface Recipient { id?: string; email: string; name: string | null; company: string | null; token: string | null }
export interface Template { emailSubject: string | null; emailBody: string | null; fromName: string | null; links: string[] }

const addressOf = (from: string) => (from.match(/<([^>]+)>/)?.[1] ?? from).trim()

/** Builds what a recipient receives: the links, merge values, headers and Message-ID of one message. */
export function createComposer({ publicUrl, mailFrom }: ComposeConfig) {
  const fromAddress = addressOf(mailFrom)
  const domain = fromAddress.split('@')[1] || 'kith.local'
  const api = `${publicUrl}/api/v1/public`
  const unsubscribeUrl = (token: string | null) => `${api}/unsubscribe/${token ?? 'preview'}`

  const values = (r: Recipient): MergeValues => {
    const name = r.name?.trim() || r.email.split('@')[0] || ''
    return { name, firstName: firstNameOf(name), company: r.company ?? '', email: r.email, unsubscribeUrl: unsubscribeUrl(r.token) }
  }

  const render = (t: Template, r: Recipient): Rendered =>
    renderEmail(
      { subject: t.emailSubject ?? '', body: t.emailBody ?? '', links: t.links },
      values(r),
      r.token ? { clickUrl: (i) => `${api}/t/c/${r.token}.${i}`, pixelUrl: `${api}/t/o/${r.token}.gif` } : null,
    )

  const from = (t: Template) => (t.fromName ? `"${t.fromName.replace(/["\\\r\n]/g, '')}" <${fromAddress}>` : mailFrom)

  return {
    values,
    render,
    /**
     * A campaign message. Its Message-ID is derived from the recipient row, so a retry after a crash
     * is the same message to the receiving server (many collapse duplicates by Message-ID).
     */
    mail(t: Template, r: Recipient & { id: string; token: string }): OutgoingMail {
      const msg = render(t, r)
      return {
        to: r.email,
        from: from(t),
        subject: msg.subject,
        html: msg.html,
        text: msg.text,
        messageId: `<${r.id}@${domain}>`,
        headers: {
          'List-Unsubscribe': `<${unsubscribeUrl(r.token)}>, <mailto:${fromAddress}?subject=unsubscribe%20${r.token}>`,
          'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
          'Precedence': 'bulk',
        },
      }
    },
    testMail(t: Template, r: Recipient, to: string): OutgoingMail {
      const msg = render(t, { ...r, token: null })
      return { to, from: from(t), subject: `[测试 Test] ${msg.subject}`, html: msg.html, text: msg.text }
    },
  }
}

export type Composer = ReturnType<typeof createComposer>
