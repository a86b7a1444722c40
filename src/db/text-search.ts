import { sql, type RawBuilder } from 'kysely'
import { escapeLike } from '../lib/text'

/**
 * Typo-tolerant matching over a generated, lower-cased `search_text` column with a GIN trigram
 * index: a substring for 3+ characters (phone fragments, Chinese names, e-mail parts), or a
 * trigram word-similarity match (typos, and word prefixes for 1–2 characters).
 *
 * Phone digits and e-mail-like fragments (`li.ding`, `bd@ali`) are matched literally only: their
 * short "words" share trigrams with a large part of any big table, so word similarity finds noise
 * (other numbers with the same digits) and costs a scan of thousands of rows.
 */
export function textMatch(column: string, term: string, blind?: BlindTerm | null): RawBuilder<boolean> {
  const { substring, fuzzy } = matchArms(column, term, blind)
  if (substring && fuzzy) return sql<boolean>`(${substring} OR ${fuzzy})`
  return (substring ?? fuzzy)!
}

export const isLiteralTerm = (term: string): boolean =>
  term.length >= 3 && (/^\d+$/.test(term) || term.includes('@') || (/^[\w.+-]+$/.test(term) && /[a-z0-9][._+][a-z0-9]/.test(term)))

/** The match as separate conditions (at least one is set), so each can be answered and capped on its own. */
export function matchArms(column: string, term: string, blind?: BlindTerm | null): { substring: RawBuilder<boolean> | null; fuzzy: RawBuilder<boolean> | null } {
  const col = sql.raw(column)
  const like = term.length >= 3 ? sql<boolean>`${col} LIKE ${`%${escapeLike(term)}%`}` : null
  const exact = blind ? blindMatch(column.slice(0, column.indexOf('.') + 1), blind) : null
  return {
    substring: like && exact ? sql<boolean>`(${like} OR ${exact})` : like ?? exact,
    fuzzy: isLiteralTerm(term) ? null : sql<boolean>`${col} %> ${term}`,
  }
}

/** The blind indexes (of a table with e-mail and phone fields) that are exactly the term: each an index lookup. */
export interface BlindTerm {
  email: string[]
  phone: string[]
  tails: string[]
}

export function blindMatch(alias: string, b: BlindTerm): RawBuilder<boolean> {
  const arms: RawBuilder<boolean>[] = []
  if (b.email.length) arms.push(sql<boolean>`${sql.raw(`${alias}email_bidx`)} = ANY(${b.email}::text[])`)
  if (b.phone.length) arms.push(sql<boolean>`${sql.raw(`${alias}phone_bidx`)} = ANY(${b.phone}::text[])`)
  if (b.tails.length) arms.push(sql<boolean>`${sql.raw(`${alias}phone_tails`)} && ${b.tails}::text[]`)
  return arms.length ? sql<boolean>`(${sql.join(arms, sql` OR `)})` : sql<boolean>`false`
}

/**
 * How many rows of each match arm a relevance search ranks. A common term (a surname, `li.`)
 * matches tens of thousands of rows in a large table; ranking all of them means reading every
 * one. Capping each arm keeps a search within a few milliseconds: substring hits still come
 * before fuzzy ones, and a term with fewer matches than the cap is ranked exactly as before.
 */
export const rankedCandidates = (limit: number) => limit * 4

/** Ordering for best matches first: substring hits, then trigram word similarity. */
export function byRelevance(column: string, term: string): RawBuilder<unknown> {
  const col = sql.raw(column)
  return sql`(${col} LIKE ${`%${escapeLike(term)}%`}) DESC, word_similarity(${term}, ${col}) DESC`
}
