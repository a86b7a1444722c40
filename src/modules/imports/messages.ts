import type { ImportEntity } from './imports.schema'
import type { Issue } from './prepare'

/** The languages row messages and mapping refusals are written in (as users.locale). */
export const IMPORT_LANGS = ['zh-CN', 'en'] as const
export type ImportLang = (typeof IMPORT_LANGS)[number]

/** The user's language from an Accept-Language header: Chinese when it asks for it first, else English. */
export const langFromHeader = (accept?: string | null): ImportLang | undefined =>
  accept ? (accept.trim().toLowerCase().startsWith('zh') ? 'zh-CN' : 'en') : undefined

/**
 * Field keys as users read them, in both languages: a spreadsheet from a Chinese system says
 * 产品编码 where Kith says SKU, so a refusal names both.
 */
const LABELS: Record<string, [en: string, zh: string]> = {
  name: ['Name', '名称'], type: ['Type', '类型'], status: ['Status', '状态'], email: ['E-mail', '邮箱'], phone: ['Phone', '电话'],
  company: ['Company', '公司'], website: ['Website', '网站'], industry: ['Industry', '行业'],
  'address.country': ['Country', '国家'], 'address.region': ['Region', '省份'], 'address.city': ['City', '城市'],
  'address.street': ['Street', '地址'], 'address.postalCode': ['Postal code', '邮编'], address: ['Address', '地址'],
  tags: ['Tags', '标签'], source: ['Source', '来源'], owner: ['Owner', '负责人'], ownerId: ['Owner', '负责人'],
  description: ['Description', '备注'], title: ['Job title', '职位'], customer: ['Customer', '客户'], customerId: ['Customer', '客户'],
  isPrimary: ['Primary contact', '主要联系人'], score: ['Score', '评分'], stage: ['Stage', '阶段'], amount: ['Amount', '金额'],
  currency: ['Currency', '币种'], probability: ['Probability', '赢率'], expectedCloseDate: ['Expected close', '预计成交日期'],
  closedAt: ['Closed on', '成交/关闭日期'], createdAt: ['Created', '创建时间'], lostReason: ['Lost reason', '丢单原因'],
  sku: ['SKU', '产品编码'], row: ['Row', '行'], unitPrice: ['Unit price', '单价'], taxRate: ['Tax rate', '税率'], active: ['Active', '在售'],
  product: ['Product', '产品'], quantity: ['Quantity', '数量'], discountPercent: ['Discount %', '折扣 %'],
  country: ['Country (of the phone)', '国家（电话所属）'], role: ['Role', '角色'], team: ['Team', '团队'], manager: ['Manager', '经理'],
}

const ENTITY_NOUNS: Record<ImportEntity, [en: string, zh: string]> = {
  customers: ['customer', '客户'], contacts: ['contact', '联系人'], leads: ['lead', '线索'], opportunities: ['deal', '商机'],
  products: ['product', '产品'], 'mailing-list-members': ['list member', '列表成员'], users: ['user', '用户'],
}

/** A field's label in the user's language; an unknown key (a new target) shows as it is. */
export function fieldLabel(key: string, lang: ImportLang): string {
  const l = LABELS[key]
  return l ? l[lang === 'zh-CN' ? 1 : 0] : key
}

/** Both labels, the user's first: "SKU (产品编码)" / "产品编码（SKU）". */
const bothLabels = (key: string, lang: ImportLang) => {
  const l = LABELS[key]
  if (!l) return key
  return lang === 'zh-CN' ? `${l[1]}（${l[0]}）` : `${l[0]} (${l[1]})`
}

export function missingRequiredField(key: string, entity: ImportEntity, lang: ImportLang): string {
  const noun = ENTITY_NOUNS[entity]
  return lang === 'zh-CN'
    ? `没有列映射到“${bothLabels(key, lang)}”，每个${noun[1]}都需要此字段`
    : `No column is mapped to ${bothLabels(key, lang)}, which every ${noun[0]} needs`
}

/** The field a schema path stands for: the import's own key (customer, not customerId). */
const fieldOf = (path: PropertyKey[]) => {
  const key = path.map(String).join('.')
  if (key === 'customerId') return 'customer'
  if (key === 'ownerId' || key === 'teamId') return 'owner'
  return key || 'row'
}

interface SchemaIssue {
  code: string
  path: PropertyKey[]
  message: string
  input?: unknown
  origin?: string
  maximum?: number | bigint
  minimum?: number | bigint
  format?: string
  values?: unknown[]
}

const REQUIRED: Record<ImportLang, string> = { en: 'Required, but the cell is empty', 'zh-CN': '必填，但单元格为空' }

/**
 * A record schema's complaint (zod's wording, the column's internal name) as a row message: the
 * field's import key as its path (shown by its label) and a plain reason in the user's language.
 */
export function rowIssue(i: SchemaIssue, lang: ImportLang): Issue {
  const zh = lang === 'zh-CN'
  const text = i.origin === 'string'
  const reason = (() => {
    switch (i.code) {
      case 'invalid_type':
        return i.input === undefined || i.input === null ? REQUIRED[lang] : zh ? '值的类型不对' : 'A value of the wrong kind'
      case 'too_small':
        if (text && Number(i.minimum) <= 1) return REQUIRED[lang]
        return text ? (zh ? `太短（至少 ${i.minimum} 个字符）` : `Too short (at least ${i.minimum} characters)`) : zh ? `太小（至少 ${i.minimum}）` : `Too small (at least ${i.minimum})`
      case 'too_big':
        return text ? (zh ? `太长（最多 ${i.maximum} 个字符）` : `Too long (at most ${i.maximum} characters)`) : zh ? `太大（最多 ${i.maximum}）` : `Too large (at most ${i.maximum})`
      case 'invalid_format':
        if (i.format === 'email') return zh ? '不是有效的邮箱地址' : 'Not a valid e-mail address'
        if (i.format === 'url') return zh ? '不是有效的网址' : 'Not a valid web address'
        return zh ? '格式不对' : 'Not in the expected format'
      case 'invalid_value':
        return zh ? `只能是：${(i.values ?? []).join('、')}` : `Must be one of: ${(i.values ?? []).join(', ')}`
      case 'custom':
        // Refinements are written for people already; "Required" is the one they share.
        return i.message === 'Required' ? REQUIRED[lang] : i.message
      default:
        return zh ? '值无效' : 'Not a valid value'
    }
  })()
  return { path: fieldOf(i.path), message: reason }
}

/** A row message as one line of errors.csv: the field's label, then the reason. */
export const issueLine = (e: Issue, lang: ImportLang) => `${fieldLabel(e.path, lang)}: ${e.message}`

/** A row without the record a contact or deal belongs to. */
export const missingCustomer = (lang: ImportLang): Issue => ({ path: 'customer', message: REQUIRED[lang] })
