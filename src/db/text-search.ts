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
 *
 * Chinese, Japanese and Korean terms also use the table's CJK gram index (see GRAM_SOURCES and the
 * migration 2026_12_09_0300_cjk_search): a one- or two-character term matches anywhere in a name
 * (云帆 in 杭州云帆网络科技有限公司, the surname 张), which trigrams cannot do, and a term of 3 to
 * MAX_CJK_TYPO characters also matches text that has it with one character replaced (杭洲云帆 finds
 * 杭州云帆…), which trigrams cannot do for short names.
 */
export function textMatch(column: string, term: string, grams?: GramSource, blind?: BlindTerm | null): RawBuilder<boolean> {
  const { substring, fuzzy } = matchArms(column, term, grams, blind)
  if (substring && fuzzy) return sql<boolean>`(${substring} OR ${fuzzy})`
  return (substring ?? fuzzy)!
}

export const isLiteralTerm = (term: string): boolean =>
  term.length >= 3 && (/^\d+$/.test(term) || term.includes('@') || (/^[\w.+-]+$/.test(term) && /[a-z0-9][._+][a-z0-9]/.test(term)))

/**
 * The name text each table's CJK gram index is built on, written exactly as the index expression
 * (the planner uses the index only for the same expression). Names, companies, titles, subjects
 * and product names only: e-mail addresses and phones have no CJK characters.
 */
const GRAM_SOURCES = {
  customers: (a: string) => `${a}.name || ' ' || coalesce(${a}.company, '')`,
  contacts: (a: string) => `${a}.name || ' ' || coalesce(${a}.title, '')`,
  leads: (a: string) => `${a}.name || ' ' || coalesce(${a}.company, '')`,
  products: (a: string) => `${a}.name`,
  opportunities: (a: string) => `${a}.name`,
  tickets: (a: string) => `${a}.subject || ' ' || coalesce(${a}.contact_name, '')`,
  campaigns: (a: string) => `${a}.name || ' ' || coalesce(${a}.email_subject, '')`,
} as const
export type GramSource = keyof typeof GRAM_SOURCES

/**
 * The longest CJK term also searched with one character replaced. Trigram word similarity takes
 * over beyond it: one wrong character costs three of n + 2 trigrams, under the 0.6 threshold up
 * to 10 characters (杭州万欣商贸有限公司 scores 0.57 against 杭州万帆商贸有限公司).
 */
export const MAX_CJK_TYPO = 12

const CJK_CHAR = '\\u3040-\\u30ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff'
const CJK_ONLY = new RegExp(`^[${CJK_CHAR}]+$`)
export const isCjkTerm = (term: string): boolean => CJK_ONLY.test(term)

/** The grams kith_cjk_grams() indexes for one run of CJK characters: characters, neighbours, and pairs one apart ("杭_云"). */
export function cjkGrams(chars: string[]): string[] {
  const out = new Set<string>()
  chars.forEach((c, i) => {
    out.add(c)
    if (i + 1 < chars.length) out.add(c + chars[i + 1])
    if (i + 2 < chars.length) out.add(`${c}_${chars[i + 2]}`)
  })
  return [...out]
}

const columnAlias = (column: string) => column.split('.')[0]!
const source = (column: string, grams: GramSource) => sql.raw(GRAM_SOURCES[grams](columnAlias(column)))
const containsAll = (column: string, grams: GramSource, need: string[]) =>
  sql<boolean>`kith_cjk_grams(${source(column, grams)}) @> ARRAY[${sql.join(need)}]::text[]`

/**
 * Text with the term, one character replaced: for each position, the grams of the characters on
 * either side (and the pair across the gap) must be in the index, and a LIKE with `_` at that
 * position confirms they are in order. Every arm is a lookup of grams the term shares with the
 * name, so a common pair (有限, 公司) is narrowed by the rarer ones in the same arm.
 */
function oneCharacterWrong(column: string, grams: GramSource, term: string): RawBuilder<boolean> {
  const chars = [...term]
  const arms = chars.map((_, i) => {
    const [left, right] = [chars.slice(0, i), chars.slice(i + 1)]
    const need = new Set([...cjkGrams(left), ...cjkGrams(right)])
    if (left.length && right.length) need.add(`${left.at(-1)}_${right[0]}`)
    const pattern = `%${escapeLike(left.join(''))}_${escapeLike(right.join(''))}%`
    return sql<boolean>`(${containsAll(column, grams, [...need])} AND ${source(column, grams)} LIKE ${pattern})`
  })
  return sql<boolean>`(${sql.join(arms, sql` OR `)})`
}

/** The match as separate conditions (at least one is set), so each can be answered and capped on its own. */
export function matchArms(
  column: string,
  term: string,
  grams?: GramSource,
  blind?: BlindTerm | null,
): { substring: RawBuilder<boolean> | null; fuzzy: RawBuilder<boolean> | null } {
  const col = sql.raw(column)
  const cjk = grams !== undefined && isCjkTerm(term)
  const length = [...term].length
  // One or two CJK characters: the gram index holds exactly these, anywhere in the name (no e-mail or phone is CJK).
  if (cjk && length <= 2) return { substring: containsAll(column, grams, [term]), fuzzy: null }
  const wordSimilar = isLiteralTerm(term) ? null : sql<boolean>`${col} %> ${term}`
  const typo = cjk && length <= MAX_CJK_TYPO ? oneCharacterWrong(column, grams, term) : null
  const like = term.length >= 3 ? sql<boolean>`${col} LIKE ${`%${escapeLike(term)}%`}` : null
  // An encrypted e-mail or phone is out of search_text: found by its blind index, exactly.
  const exact = blind ? blindMatch(column.slice(0, column.indexOf('.') + 1), blind) : null
  return {
    substring: like && exact ? sql<boolean>`(${like} OR ${exact})` : like ?? exact,
    fuzzy: wordSimilar && typo ? sql<boolean>`(${wordSimilar} OR ${typo})` : wordSimilar ?? typo,
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

/**
 * Ordering for best matches first: substring hits (name, company, e-mail or phone), among them a
 * whole word of the name (张 is the name 张, or 云帆 the company 云帆), then a word that starts
 * with the term; then trigram word similarity (typos); shorter names first.
 */
export function byRelevance(column: string, term: string, grams?: GramSource): RawBuilder<unknown> {
  const col = sql.raw(column)
  const name = grams ? sql`lower(${source(column, grams)})` : col
  const t = escapeLike(term)
  return sql`(${col} LIKE ${`%${t}%`}) DESC,
    (${name} = ${term} OR ${name} LIKE ${`${t} %`} OR ${name} LIKE ${`% ${t}`} OR ${name} LIKE ${`% ${t} %`}) DESC,
    (${name} LIKE ${`${t}%`} OR ${name} LIKE ${`% ${t}%`}) DESC,
    word_similarity(${term}, ${col}) DESC, length(${name})`
}
