import type { Contact } from '../contacts/contacts.schema'
import type { Customer } from '../customers/customers.schema'
import type { Lead } from '../leads/leads.schema'
import type { Opportunity } from '../opportunities/opportunities.schema'

/**
 * What a column holds decides how it is written: text is escaped against formula injection in
 * CSV; number and money stay numbers in XLSX; date is YYYY-MM-DD; timestamp is an ISO string,
 * shown in the exporter's time zone.
 */
export type ColumnType = 'text' | 'number' | 'money' | 'date' | 'timestamp' | 'boolean'
export type Cell = string | number | boolean | null

export interface ExportColumn<R> {
  key: string
  en: string
  zh: string
  type: ColumnType
  value: (row: R, lookup: Lookup) => Cell
  /** XLSX column width in characters. */
  width?: number
}

/** Names the list shows instead of keys (a stage's name in the user's language). */
export interface Lookup {
  lang: 'en' | 'zh-CN'
  stageName(key: string): string
}

const col = <R>(key: string, en: string, zh: string, type: ColumnType, value: (row: R, l: Lookup) => Cell, width?: number): ExportColumn<R> =>
  ({ key, en, zh, type, value, width })

const enumLabel = (labels: Record<string, [string, string]>) => (v: string, l: Lookup) => labels[v]?.[l.lang === 'en' ? 0 : 1] ?? v

const customerStatus = enumLabel({ prospect: ['Prospect', '潜在'], active: ['Active', '活跃'], inactive: ['Inactive', '停用'] })
const customerType = enumLabel({ company: ['Company', '公司'], person: ['Person', '个人'] })
const leadStatus = enumLabel({
  new: ['New', '新线索'], contacted: ['Contacted', '已联系'], qualified: ['Qualified', '已确认'],
  unqualified: ['Unqualified', '无效'], converted: ['Converted', '已转化'],
})

export const customerColumns: ExportColumn<Customer>[] = [
  col('name', 'Name', '名称', 'text', (r) => r.name, 28),
  col('type', 'Type', '类型', 'text', (r, l) => customerType(r.type, l), 10),
  col('status', 'Status', '状态', 'text', (r, l) => customerStatus(r.status, l), 10),
  col('email', 'Email', '邮箱', 'text', (r) => r.email, 28),
  col('phone', 'Phone', '电话', 'text', (r) => r.phone, 18),
  col('company', 'Company', '公司', 'text', (r) => r.company, 24),
  col('website', 'Website', '网站', 'text', (r) => r.website, 24),
  col('industry', 'Industry', '行业', 'text', (r) => r.industry, 14),
  col('country', 'Country', '国家', 'text', (r) => r.address?.country ?? null, 10),
  col('region', 'Region', '省份', 'text', (r) => r.address?.region ?? null, 10),
  col('city', 'City', '城市', 'text', (r) => r.address?.city ?? null, 10),
  col('street', 'Street', '地址', 'text', (r) => r.address?.street ?? null, 28),
  col('postalCode', 'Postal code', '邮编', 'text', (r) => r.address?.postalCode ?? null, 10),
  col('tags', 'Tags', '标签', 'text', (r) => (r.tags.length ? r.tags.join(', ') : null), 20),
  col('source', 'Source', '来源', 'text', (r) => r.source, 12),
  col('owner', 'Owner', '负责人', 'text', (r) => r.ownerName, 12),
  col('description', 'Description', '备注', 'text', (r) => r.description, 40),
  col('createdAt', 'Created', '创建时间', 'timestamp', (r) => r.createdAt, 20),
  col('updatedAt', 'Updated', '更新时间', 'timestamp', (r) => r.updatedAt, 20),
  col('id', 'ID', 'ID', 'text', (r) => r.id, 38),
]

export const contactColumns: ExportColumn<Contact>[] = [
  col('name', 'Name', '姓名', 'text', (r) => r.name, 16),
  col('customer', 'Customer', '客户', 'text', (r) => r.customerName, 28),
  col('title', 'Title', '职位', 'text', (r) => r.title, 16),
  col('email', 'Email', '邮箱', 'text', (r) => r.email, 28),
  col('phone', 'Phone', '电话', 'text', (r) => r.phone, 18),
  col('isPrimary', 'Primary contact', '主要联系人', 'boolean', (r) => r.isPrimary, 10),
  col('createdAt', 'Created', '创建时间', 'timestamp', (r) => r.createdAt, 20),
  col('updatedAt', 'Updated', '更新时间', 'timestamp', (r) => r.updatedAt, 20),
  col('id', 'ID', 'ID', 'text', (r) => r.id, 38),
]

export const leadColumns: ExportColumn<Lead>[] = [
  col('name', 'Name', '姓名', 'text', (r) => r.name, 16),
  col('company', 'Company', '公司', 'text', (r) => r.company, 24),
  col('title', 'Title', '职位', 'text', (r) => r.title, 16),
  col('email', 'Email', '邮箱', 'text', (r) => r.email, 28),
  col('phone', 'Phone', '电话', 'text', (r) => r.phone, 18),
  col('status', 'Status', '状态', 'text', (r, l) => leadStatus(r.status, l), 10),
  col('source', 'Source', '来源', 'text', (r) => r.source, 12),
  col('score', 'Score', '评分', 'number', (r) => r.score, 8),
  col('owner', 'Owner', '负责人', 'text', (r) => r.ownerName, 12),
  col('description', 'Description', '备注', 'text', (r) => r.description, 40),
  col('convertedAt', 'Converted', '转化时间', 'timestamp', (r) => r.convertedAt, 20),
  col('createdAt', 'Created', '创建时间', 'timestamp', (r) => r.createdAt, 20),
  col('updatedAt', 'Updated', '更新时间', 'timestamp', (r) => r.updatedAt, 20),
  col('id', 'ID', 'ID', 'text', (r) => r.id, 38),
]

export const opportunityColumns: ExportColumn<Opportunity>[] = [
  col('name', 'Name', '名称', 'text', (r) => r.name, 28),
  col('customer', 'Customer', '客户', 'text', (r) => r.customerName, 28),
  col('stage', 'Stage', '阶段', 'text', (r, l) => l.stageName(r.stage), 12),
  col('amount', 'Amount', '金额', 'money', (r) => r.amount, 14),
  col('currency', 'Currency', '币种', 'text', (r) => r.currency, 8),
  col('probability', 'Probability (%)', '赢率 (%)', 'number', (r) => r.probability, 10),
  col('expectedCloseDate', 'Expected close', '预计成交日期', 'date', (r) => r.expectedCloseDate, 14),
  col('owner', 'Owner', '负责人', 'text', (r) => r.ownerName, 12),
  col('lostReason', 'Lost reason', '丢单原因', 'text', (r) => r.lostReason, 24),
  col('closedAt', 'Closed', '关闭时间', 'timestamp', (r) => r.closedAt, 20),
  col('createdAt', 'Created', '创建时间', 'timestamp', (r) => r.createdAt, 20),
  col('updatedAt', 'Updated', '更新时间', 'timestamp', (r) => r.updatedAt, 20),
  col('id', 'ID', 'ID', 'text', (r) => r.id, 38),
]

/** Keeps the columns named in `keys` (in that order), or all of them. */
export function pickColumns<R>(all: ExportColumn<R>[], keys: string[] | undefined): ExportColumn<R>[] {
  if (!keys?.length) return all
  return keys.map((k) => all.find((c) => c.key === k)).filter((c): c is ExportColumn<R> => c !== undefined)
}
