import { blindIndex } from '../../lib/field-cipher'
import { toE164 } from '../../lib/phone'
import type { BlindTerm } from '../../db/text-search'

/**
 * Blind indexes of sealed e-mails and phones: keyed HMACs (keyring's blind key) of the
 * normalised value, so an exact search, an import's dedupe or a suppression check finds the
 * record without the database ever holding the value. Each input is prefixed by its kind, so an
 * e-mail's index never equals a phone's.
 *
 * Phone endings: the last 4, 5, 6, 7 and 8 digits each get an index (`phone_tails`), so "the
 * number ending 5678" is found. Fewer than 4 digits would match too much to be a search; 8 is a
 * Chinese mobile's subscriber part and more than most people type from memory — a longer
 * fragment is searched as a whole number. The price: equal endings have equal indexes, so a dump
 * shows which records share their last digits (not what the digits are, without the key).
 */
export const TAIL_LENGTHS = [4, 5, 6, 7, 8] as const

export const normaliseEmail = (email: string) => email.trim().toLowerCase()
const phoneDigits = (stored: string) => stored.split(';')[0]!.replace(/\D/g, '')

export const emailIndex = (key: Buffer, email: string) => blindIndex(key, `email:${normaliseEmail(email)}`)
/** `stored` is the E.164 form the services keep (phoneField), with ;ext= when it has one. */
export const phoneIndex = (key: Buffer, stored: string) => blindIndex(key, `phone:${stored}`)
export const tailIndex = (key: Buffer, digits: string) => blindIndex(key, `tail${digits.length}:${digits}`)
export const tailIndexes = (key: Buffer, stored: string): string[] => {
  const d = phoneDigits(stored)
  return TAIL_LENGTHS.filter((n) => d.length >= n).map((n) => tailIndex(key, d.slice(-n)))
}

export interface BlindColumns {
  emailBidx?: string | null
  phoneBidx?: string | null
  phoneTails?: string[] | null
}

/** The index columns of one field's plain value (null clears them: the field is not chosen, or empty). */
export function blindColumns(key: Buffer | null, kind: 'email' | 'phone', plain: string | null | undefined): BlindColumns {
  const v = key && typeof plain === 'string' && plain.trim() ? plain : null
  if (kind === 'email') return { emailBidx: v ? emailIndex(key!, v) : null }
  return { phoneBidx: v ? phoneIndex(key!, v) : null, phoneTails: v ? tailIndexes(key!, v) : null }
}

/** What a search term can match exactly: an e-mail, a whole phone number, a phone's ending. */
export type { BlindTerm }

export function termIndexes(key: Buffer, term: string, region: string, kinds: { email: boolean; phone: boolean }): BlindTerm | null {
  const t = term.trim()
  const out: BlindTerm = { email: [], phone: [], tails: [] }
  if (kinds.email && /^[^\s@]+@[^\s@]+$/.test(t)) out.email.push(emailIndex(key, t))
  if (kinds.phone && /^[+＋]?[\d\s\-().]+$/.test(t)) {
    const digits = t.replace(/\D/g, '')
    // Search terms arrive with their + stripped (normalizeSearchTerm): 8613812345678 is tried as +86… too.
    const wholes = digits.length >= 5 ? [toE164(t, region), digits.length >= 8 ? toE164(`+${digits}`, region) : null] : []
    for (const w of new Set(wholes)) if (w) out.phone.push(phoneIndex(key, w))
    if (digits.length >= TAIL_LENGTHS[0] && digits.length <= TAIL_LENGTHS[TAIL_LENGTHS.length - 1]!) out.tails.push(tailIndex(key, digits))
  }
  return out.email.length || out.phone.length || out.tails.length ? out : null
}
