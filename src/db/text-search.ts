import { sql, type RawBuilder } from 'kysely'
import { escapeLike } from '../lib/text'

/**
 * Typo-tolerant matching over a generated, lower-cased `search_text` column with a GIN trigram
 * index: a substring for 3+ characters (phone fragments, Chinese names, e-mail parts), or a
 * trigram word-similarity match (typos, and word prefixes for 1–2 characters).
 */
export function textMatch(column: string, term: string): RawBuilder<boolean> {
  const col = sql.raw(column)
  return term.length >= 3
    ? sql<boolean>`(${col} LIKE ${`%${escapeLike(term)}%`} OR ${col} %> ${term})`
    : sql<boolean>`${col} %> ${term}`
}

/** Ordering for best matches first: substring hits, then trigram word similarity. */
export function byRelevance(column: string, term: string): RawBuilder<unknown> {
  const col = sql.raw(column)
  return sql`(${col} LIKE ${`%${escapeLike(term)}%`}) DESC, word_similarity(${term}, ${col}) DESC`
}
