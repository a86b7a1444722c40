/** Escapes LIKE wildcards so user text matches literally. */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`)

/**
 * Search terms are compared with lower-cased text; something that looks like a phone number
 * (digits with spaces, dashes, brackets or +) is reduced to its digits, as phones are indexed.
 */
export function normalizeSearchTerm(q: string): string {
  const t = q.trim().toLowerCase()
  if (/^[+\d][\d\s\-().]{2,}$/.test(t) && /\d{3}/.test(t.replace(/\D/g, ''))) return t.replace(/\D/g, '')
  return t
}
