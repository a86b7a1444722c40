import fc from 'fast-check'
import { hostileString, hostileValue } from './hostile'

/** The part of JSON Schema the served OpenAPI document uses. */
export interface Schema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  format?: string
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  items?: Schema
  properties?: Record<string, Schema>
  required?: string[]
  additionalProperties?: boolean | Schema
  anyOf?: Schema[]
  oneOf?: Schema[]
  allOf?: Schema[]
}

/**
 * Values shaped like a schema, most of them valid, with a hostile value in place of any node now
 * and then (a wrong type, a huge string, a deep array), and unknown keys on objects: the
 * requests that get past the first check are the ones that find the deeper faults.
 */
export function fromSchema(root: Schema, resolve: (ref: string) => Schema, ids: fc.Arbitrary<string>, depth = 0): fc.Arbitrary<unknown> {
  const schema = root.$ref ? resolve(root.$ref) : root
  const shaped = depth > 6 ? fc.constant(null) : shapedBy(schema, resolve, ids, depth)
  return fc.oneof({ weight: 12, arbitrary: shaped }, { weight: 1, arbitrary: hostileValue })
}

/** Valid dates at the ends of what a date column, a JS Date and a timestamp can hold. */
const EDGE_DATES = fc.constantFrom('0001-01-01', '1000-01-01', '1969-12-31', '1970-01-01', '2000-02-29', '2038-01-19', '9999-12-31')

/** The bounds themselves and just past them. */
const edges = (s: Schema) => fc.constantFrom(...[s.minimum, s.maximum, (s.minimum ?? 0) - 1, (s.maximum ?? 0) + 1, 0, 2 ** 31, 2 ** 53 - 1].filter((n): n is number => n !== undefined))

function shapedBy(s: Schema, resolve: (ref: string) => Schema, ids: fc.Arbitrary<string>, depth: number): fc.Arbitrary<unknown> {
  const next = (c: Schema) => fromSchema(c, resolve, ids, depth + 1)
  const alternatives = s.anyOf ?? s.oneOf
  if (alternatives?.length) return fc.oneof(...alternatives.map(next))
  if (s.allOf?.length) return next(s.allOf[0]!)
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum?.length) return fc.constantFrom(...s.enum)
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type
  switch (type) {
    case 'string':
      if (s.format === 'uuid') return ids
      if (s.format === 'date') return fc.oneof(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)), EDGE_DATES)
      if (s.format === 'date-time') return fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), EDGE_DATES.map((d) => `${d}T23:59:59.999Z`))
      if (s.format === 'email') return fc.emailAddress()
      // Hostile content that fits the length gets past validation, to the queries and templates behind it.
      return fc.oneof(
        { weight: 4, arbitrary: fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 30) }) },
        { weight: 3, arbitrary: hostileString.filter((v) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? 500)) },
        { weight: 1, arbitrary: hostileString },
      )
    case 'integer':
      return fc.oneof(fc.integer({ min: Math.max(s.minimum ?? -1000, -(2 ** 40)), max: Math.min(s.maximum ?? 1000, 2 ** 40) }), edges(s))
    case 'number':
      return fc.oneof(fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e6, noNaN: true }), edges(s))
    case 'boolean':
      return fc.boolean()
    case 'null':
      return fc.constant(null)
    case 'array':
      return fc.array(s.items ? next(s.items) : hostileValue, { maxLength: 4 })
    case 'object':
    case undefined: {
      const props = Object.entries(s.properties ?? {})
      if (!props.length) return fc.dictionary(hostileString.filter((k) => k.length < 40), hostileValue, { maxKeys: 3 })
      const required = new Set(s.required ?? [])
      const record = fc.record(Object.fromEntries(props.map(([k, v]) => [k, next(v)])), { requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)) })
      return fc.tuple(record, fc.option(fc.dictionary(fc.constantFrom('isAdmin', 'role', 'id', 'createdBy', 'deletedAt', 'extra'), hostileValue, { maxKeys: 2 }), { freq: 5 }))
        .map(([r, extra]) => ({ ...r, ...(extra ?? {}) }))
    }
    default:
      return hostileValue
  }
}
