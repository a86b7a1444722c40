import { sql, type RawBuilder } from 'kysely'
import { monthOf, type ReportInput } from '../report'
import type { GroupBy } from '../reports.schema'

export interface Dimension {
  key: RawBuilder<string | null>
  label: RawBuilder<string | null>
  sort: RawBuilder<string | null>
  join: RawBuilder<unknown>
  /** The opportunities list filter a row drills into by its key, or 'month' (a part of the period). */
  filter: string
}

/**
 * How deals (alias `o`, with its stage joined as `s`) are grouped. `month` is the calendar month
 * of `monthColumn`: a date is taken as it is, a timestamp in the caller's time zone (and must be
 * within the report's range).
 */
export function groupDimension(input: ReportInput, by: GroupBy, monthColumn = 'o.expected_close_date', monthIsDate = true): Dimension {
  const none = sql``
  switch (by) {
    case 'stage': {
      const name = input.lang === 'en' ? sql<string>`coalesce(s.name_en, s.name)` : sql<string>`s.name`
      return { key: sql`o.stage`, label: name, sort: sql`lpad(s.position::text, 6, '0')`, join: none, filter: 'stage' }
    }
    case 'owner':
      return { key: sql`o.owner_id`, label: sql`ou.name`, sort: sql`ou.name`, join: sql`LEFT JOIN users ou ON ou.id = o.owner_id`, filter: 'ownerId' }
    case 'team':
      return { key: sql`o.team_id`, label: sql`ot.name`, sort: sql`ot.name`, join: sql`LEFT JOIN teams ot ON ot.id = o.team_id`, filter: 'teamId' }
    case 'source':
      return { key: sql`ol.source`, label: sql`ol.source`, sort: sql`ol.source`, join: sql`LEFT JOIN leads ol ON ol.id = o.lead_id`, filter: 'source' }
    case 'campaign':
      return { key: sql`o.campaign_id`, label: sql`oc.name`, sort: sql`oc.name`, join: sql`LEFT JOIN campaigns oc ON oc.id = o.campaign_id`, filter: 'campaignId' }
    case 'customer':
      return { key: sql`o.customer_id`, label: sql`cu.name`, sort: sql`cu.name`, join: sql`JOIN customers cu ON cu.id = o.customer_id`, filter: 'customerId' }
    default: {
      // A timestamp month column is within the range (the report filters on it); a date one need not be.
      const m = monthIsDate ? sql<string>`to_char(${sql.ref(monthColumn)}, 'YYYY-MM')` : monthOf(input, monthColumn)
      return { key: m, label: m, sort: m, join: none, filter: 'month' }
    }
  }
}
