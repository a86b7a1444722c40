import { sql, type Kysely } from 'kysely'
import { newId } from '../../lib/ids'

/**
 * Lost reasons become a list the admin keeps (zh-CN + en label, ordered, active or not; "other"
 * asks for a note), so the lost-deal report groups by reason instead of by raw text.
 *
 * Upgrade: the default list below is seeded, and each lost deal's free text is mapped to one of
 * them by the keyword table (first match wins, checked in this order); a text no keyword fits
 * goes to "other". The original text is always kept as the deal's note (opportunities.lost_reason),
 * so nothing is lost. Down drops the list and the link; the texts stay where they were.
 */
export const DEFAULT_LOST_REASONS = [
  { key: 'budget', labelZh: '预算', labelEn: 'Budget' },
  { key: 'price', labelZh: '价格', labelEn: 'Price' },
  { key: 'competitor', labelZh: '选择了竞争对手', labelEn: 'Chose a competitor' },
  { key: 'timing', labelZh: '时机', labelEn: 'Timing' },
  { key: 'no_response', labelZh: '无回应', labelEn: 'No response' },
  { key: 'not_a_fit', labelZh: '需求不符', labelEn: 'Not a fit' },
  { key: 'other', labelZh: '其他', labelEn: 'Other' },
] as const

/**
 * The keyword table of the upgrade (PostgreSQL regular expressions, case-insensitive), in the order
 * they are tried. Only words that say the reason plainly: "预算被砍，项目延期" is budget (first).
 */
export const LOST_REASON_KEYWORDS: { key: string; pattern: string }[] = [
  { key: 'budget', pattern: '预算|经费|资金|没钱|budget|funding|no money' },
  { key: 'price', pattern: '价格|太贵|报价高|报价太高|费用高|成本高|便宜|price|pricing|too expensive|expensive' },
  { key: 'competitor', pattern: '竞争对手|竞品|对手|友商|选择了其他|选了别家|别家|competitor|competition|went with|chose another|lost to' },
  { key: 'timing', pattern: '时机|暂停|延期|推迟|搁置|明年再|以后再|冻结|timing|postpone|delay|on hold|paused|next year|frozen|freeze' },
  { key: 'no_response', pattern: '无回应|没有回应|联系不上|失联|不回复|无人接听|不回|no response|unresponsive|no reply|ghost|went dark|could not reach' },
  { key: 'not_a_fit', pattern: "需求不符|不符合|不匹配|不满足|功能不|不适合|not a fit|doesn't fit|does not fit|missing feature|requirements|not suitable" },
]

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE lost_reasons (
    id uuid PRIMARY KEY,
    key text UNIQUE,
    label_zh text NOT NULL,
    label_en text NOT NULL,
    position integer NOT NULL,
    active boolean NOT NULL DEFAULT true,
    requires_note boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid REFERENCES users(id) ON DELETE SET NULL,
    version integer NOT NULL DEFAULT 1
  )`.execute(db)
  await sql`CREATE UNIQUE INDEX lost_reasons_label_zh_idx ON lost_reasons (lower(label_zh))`.execute(db)
  await sql`CREATE UNIQUE INDEX lost_reasons_label_en_idx ON lost_reasons (lower(label_en))`.execute(db)
  let position = 0
  for (const r of DEFAULT_LOST_REASONS) {
    position += 1
    await sql`INSERT INTO lost_reasons (id, key, label_zh, label_en, position, requires_note)
              VALUES (${newId()}, ${r.key}, ${r.labelZh}, ${r.labelEn}, ${position}, ${r.key === 'other'})`.execute(db)
  }
  await sql`ALTER TABLE opportunities ADD COLUMN lost_reason_id uuid REFERENCES lost_reasons(id)`.execute(db)
  await sql`CREATE INDEX opportunities_lost_reason_idx ON opportunities (lost_reason_id) WHERE lost_reason_id IS NOT NULL`.execute(db)
  const cases = LOST_REASON_KEYWORDS.map((k) => sql`WHEN o.lost_reason ~* ${k.pattern} THEN ${k.key}`)
  await sql`UPDATE opportunities o SET lost_reason_id = r.id
              FROM lost_reasons r
             WHERE nullif(trim(o.lost_reason), '') IS NOT NULL
               AND r.key = CASE ${sql.join(cases, sql` `)} ELSE 'other' END`.execute(db)
  // A lost deal without any text (possible only through old imports) is "other" without a note.
  await sql`UPDATE opportunities o SET lost_reason_id = (SELECT id FROM lost_reasons WHERE key = 'other')
             WHERE o.lost_reason_id IS NULL AND o.deleted_at IS NULL
               AND o.stage IN (SELECT key FROM pipeline_stages WHERE kind = 'lost')`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE opportunities DROP COLUMN lost_reason_id`.execute(db)
  await sql`DROP TABLE lost_reasons`.execute(db)
}
