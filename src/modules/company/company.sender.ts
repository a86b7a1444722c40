import type { CompanyProfile } from './company.schema'

const addressOf = (from: string) => (from.match(/<([^>]+)>/)?.[1] ?? from).trim()
const nameOf = (from: string) => from.match(/^\s*"?([^"<]*?)"?\s*</)?.[1]?.trim() ?? ''
const quoted = (name: string) => `"${name.replace(/["\\\r\n]/g, '')}"`

/**
 * Mail to customers goes out as the company: its profile's name and e-mail address, each falling
 * back to the server's MAIL_FROM ("Kith <no-reply@localhost>" when nothing is set). The SMTP relay
 * must be allowed to send for that address (SPF/DKIM), as for any address MAIL_FROM names.
 */
export function companyFrom(profile: Pick<CompanyProfile, 'name' | 'email'>, mailFrom: string): string {
  const name = profile.name.trim() || nameOf(mailFrom)
  const address = profile.email?.trim() || addressOf(mailFrom)
  return name ? `${quoted(name)} <${address}>` : address
}

/** Reply-To: the person who answers (the owner or agent), else the company's own address. */
export function replyToOf(person: { name: string | null; email: string | null } | null | undefined, profile: Pick<CompanyProfile, 'email'>): string | undefined {
  if (person?.email) return person.name ? `${quoted(person.name)} <${person.email}>` : person.email
  return profile.email ?? undefined
}
