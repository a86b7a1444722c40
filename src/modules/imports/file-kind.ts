import { fileError } from './file-error'
import type { ImportEntity } from './imports.schema'
import { isVcardText } from './vcard'

export type TextKind = 'csv' | 'vcard'

/**
 * What a text upload holds, from its first characters. A file that is text but no table (JSON,
 * a web page saved as .xls, a calendar) is refused here: read as a one-column CSV it would
 * otherwise offer to create a record per line.
 */
export function textKind(sample: string): TextKind {
  const text = sample.replace(/^\uFEFF/, '').trimStart()
  if (isVcardText(text)) return 'vcard'
  if (/^BEGIN:VCALENDAR\b/i.test(text)) throw fileError('The file is an iCalendar (.ics) calendar, not a table of records: export the records as CSV or .xlsx.')
  // `[ID],Name` is a CSV; `[{"id":…` and `{"id":…` are JSON.
  if (/^(\{\s*("|\}|$)|\[\s*(\{|\[|"|\]|\d|$))/.test(text.slice(0, 200))) throw fileError('The file is JSON, not a table: export the records as CSV or .xlsx.')
  if (/^<(\?xml|!doctype|html|table|workbook|[a-z][\w:-]*[\s>])/i.test(text)) {
    throw fileError('The file is HTML or XML, not a CSV or .xlsx table (a web page saved as .xls?): open it in Excel and save it as .xlsx or CSV.')
  }
  if (/^(%PDF-|\{\\rtf)/.test(text)) throw fileError('The file is a document (PDF or RTF), not a table: export the records as CSV or .xlsx.')
  return 'csv'
}

const VCARD_ENTITIES: ImportEntity[] = ['contacts']

/** A vCard holds people: it imports as contacts (their companies becoming customers), nothing else. */
export function assertFormatFits(format: string, entity: ImportEntity) {
  if (format === 'vcard' && !VCARD_ENTITIES.includes(entity)) {
    throw fileError(`This is a vCard (.vcf) address book: it imports as contacts (with their companies as customers), not as ${entity}. Choose "contacts".`)
  }
}
