import i18n from 'i18next'
import type { Quote } from './types'

export type MailLanguage = Quote['language']

/**
 * Subject and message of the quote e-mail in the quote's language (the customer's, not the
 * UI's): money and dates formatted for that language too.
 */
export function defaultMail(q: Quote, sender: string) {
  const lng = q.language
  const t = i18n.getFixedT(lng)
  const number = q.revision > 1 ? `${q.number} ${t('quotes.rev', { revision: q.revision })}` : q.number
  const total = new Intl.NumberFormat(lng, { style: 'currency', currency: q.currency }).format(q.total as Intl.StringNumericLiteral)
  const until = new Intl.DateTimeFormat(lng, { dateStyle: 'long' }).format(new Date(`${q.validUntil}T00:00:00`))
  const name = q.contactName ?? q.customerName
  return {
    subject: t('quotes.mail.subject', { number, company: sender }),
    message: [t('quotes.mail.greeting', { name }), '', t('quotes.mail.body', { number, total }), t('quotes.mail.validUntil', { date: until }), '', t('quotes.mail.closing'), sender].join('\n'),
  }
}
