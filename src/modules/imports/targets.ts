import type { ImportEntity, ImportField } from './imports.schema'
import { CUSTOMER_STATUSES, CUSTOMER_TYPES } from '../customers/customers.schema'
import { LEAD_STATUSES } from '../leads/leads.schema'
import { ROLES } from '../../server/context'

/** A pipeline stage as the import needs it (value mapping, closing won/lost deals). */
export interface StageInfo {
  key: string
  name: string
  nameEn: string | null
  probability: number
  kind: 'open' | 'won' | 'lost'
}

const text = (key: string, required = false): ImportField => ({ key, kind: 'text', required })
const enumOf = (key: string, values: { value: string; label: string }[]): ImportField => ({ key, kind: 'enum', required: false, values })

const CUSTOMER_STATUS_LABELS: Record<string, string> = { prospect: '潜在客户', active: '活跃', inactive: '停用' }
const CUSTOMER_TYPE_LABELS: Record<string, string> = { company: '公司', person: '个人' }
const ROLE_LABELS: Record<string, string> = { admin: '管理员', manager: '经理', sales: '销售', support: '客服', marketing: '市场' }
const LEAD_STATUS_LABELS: Record<string, string> = { new: '新线索', contacted: '已联系', qualified: '已确认', unqualified: '不合格' }

/** Where a row's phone is (people without an address): read for the phone's region, not stored. */
const PHONE_COUNTRY = text('country')

/** The fields a column can be mapped to, per entity. */
export function fieldsOf(entity: ImportEntity, stages: StageInfo[]): ImportField[] {
  switch (entity) {
    case 'customers':
      return [
        text('name', true),
        enumOf('type', CUSTOMER_TYPES.map((v) => ({ value: v, label: CUSTOMER_TYPE_LABELS[v]! }))),
        { key: 'email', kind: 'email', required: false },
        { key: 'phone', kind: 'phone', required: false },
        text('company'),
        { key: 'website', kind: 'url', required: false },
        text('industry'),
        text('address.country'), text('address.region'), text('address.city'), text('address.street'), text('address.postalCode'),
        { key: 'tags', kind: 'tags', required: false },
        enumOf('status', CUSTOMER_STATUSES.map((v) => ({ value: v, label: CUSTOMER_STATUS_LABELS[v]! }))),
        text('source'),
        { key: 'owner', kind: 'ref', required: false, ref: 'user' },
        text('description'),
      ]
    case 'contacts':
      return [
        { key: 'customer', kind: 'ref', required: true, ref: 'customer' },
        text('name', true), text('title'),
        { key: 'email', kind: 'email', required: false },
        { key: 'phone', kind: 'phone', required: false },
        PHONE_COUNTRY,
        { key: 'isPrimary', kind: 'boolean', required: false },
      ]
    case 'leads':
      return [
        text('name', true), text('company'), text('title'),
        { key: 'email', kind: 'email', required: false },
        { key: 'phone', kind: 'phone', required: false },
        PHONE_COUNTRY,
        text('source'),
        enumOf('status', LEAD_STATUSES.filter((s) => s !== 'converted').map((v) => ({ value: v, label: LEAD_STATUS_LABELS[v]! }))),
        { key: 'score', kind: 'integer', required: false },
        { key: 'owner', kind: 'ref', required: false, ref: 'user' },
        text('description'),
      ]
    case 'products':
      return [
        text('sku', true), text('name', true), text('description'),
        { key: 'unitPrice', kind: 'money', required: false },
        { key: 'currency', kind: 'currency', required: false },
        { key: 'taxRate', kind: 'money', required: false },
        { key: 'active', kind: 'boolean', required: false },
      ]
    case 'opportunities':
      return [
        text('name', true),
        { key: 'customer', kind: 'ref', required: true, ref: 'customer' },
        { key: 'owner', kind: 'ref', required: false, ref: 'user' },
        enumOf('stage', stages.map((s) => ({ value: s.key, label: s.name }))),
        { key: 'amount', kind: 'money', required: false },
        { key: 'currency', kind: 'currency', required: false },
        // The deal's line (deal-lines.ts): with a product, the amount is the line's total.
        { key: 'product', kind: 'ref', required: false, ref: 'product' },
        { key: 'quantity', kind: 'money', required: false },
        { key: 'unitPrice', kind: 'money', required: false },
        { key: 'discountPercent', kind: 'money', required: false },
        { key: 'probability', kind: 'integer', required: false },
        { key: 'expectedCloseDate', kind: 'date', required: false },
        { key: 'closedAt', kind: 'date', required: false },
        { key: 'createdAt', kind: 'date', required: false },
        text('lostReason'),
      ]
    case 'users':
      return [
        text('name', true),
        { key: 'email', kind: 'email', required: true },
        enumOf('role', ROLES.map((v) => ({ value: v, label: ROLE_LABELS[v]! }))),
        text('team'),
        text('manager'),
      ]
    case 'mailing-list-members':
      // The e-mail finds the record; the rest only fills a lead created for an unknown e-mail.
      return [
        { key: 'email', kind: 'email', required: true },
        text('name'), text('company'),
        { key: 'phone', kind: 'phone', required: false },
        PHONE_COUNTRY,
      ]
  }
}

/**
 * What a record's own name is called depends on the record: "Product" names a product, but in a
 * deals file it is the product sold, never the deal; "Customer name" in a contacts file is the
 * contact's customer. So the name's header words beyond the generic ones are per entity.
 */
export const NAME_SYNONYMS: Partial<Record<ImportEntity, string[]>> = {
  customers: ['customer name', 'account name', 'customer', 'account', 'client', 'client name', '客户名称', '客户名', '客户', '客户全称'],
  contacts: ['contact name', 'contact', '联系人', '联系人姓名'],
  leads: ['lead name', 'lead', 'prospect name', '线索名称', '线索'],
  opportunities: ['deal name', 'opportunity name', 'opportunity', 'deal', 'title of deal', 'opportunity id', 'deal id', '机会名称', '商机名称', '商机', '销售机会', '项目名称'],
  products: ['product name', 'product', 'item', 'item name', '产品名称', '商品名称', '产品', '品名'],
  // A sales teams export names its people by their role in it.
  users: ['user name', 'user', 'employee', 'employee name', 'staff', 'sales agent', 'agent', 'sales rep', 'salesperson', '用户', '用户名', '员工', '员工姓名', '销售员', '业务员'],
}

/** Header names (English and Chinese, as other CRMs and Excel users write them) per field key. */
export const HEADER_SYNONYMS: Record<string, string[]> = {
  name: ['name', 'full name', 'fullname', '姓名', '名称', '名字'],
  type: ['type', 'customer type', 'account type', '类型', '客户类型'],
  email: ['email', 'e-mail', 'email address', 'mail', '邮箱', '电子邮件', '电子邮箱', '邮件', '邮箱地址'],
  phone: ['phone', 'mobile', 'telephone', 'tel', 'phone number', 'mobile phone', 'cell', '电话', '手机', '手机号', '手机号码', '电话号码', '联系电话', '座机'],
  company: ['company', 'company name', 'organization', 'organisation', 'employer', '公司', '公司名称', '单位', '企业', '企业名称', '工作单位'],
  title: ['title', 'job title', 'position', 'role', '职位', '职务', '头衔', '岗位'],
  website: ['website', 'web', 'url', 'homepage', 'site', '网站', '网址', '官网', '主页'],
  industry: ['industry', 'sector', '行业', '所属行业'],
  'address.country': ['country', 'nation', '国家', '国家地区'],
  country: ['country', 'nation', 'country code', '国家', '国家地区', '国家/地区'],
  'address.region': ['region', 'state', 'province', '省', '省份', '地区', '州'],
  'address.city': ['city', 'town', '市', '城市'],
  'address.street': ['address', 'street', 'street address', '地址', '街道', '详细地址'],
  'address.postalCode': ['postal code', 'postcode', 'zip', 'zip code', '邮编', '邮政编码'],
  tags: ['tags', 'tag', 'labels', '标签'],
  status: ['status', 'state', 'lead status', '状态', '客户状态', '线索状态'],
  source: ['source', 'lead source', 'origin', 'channel', '来源', '线索来源', '客户来源', '渠道'],
  owner: ['owner', 'assigned to', 'agent', 'sales rep', 'salesperson', 'account owner', 'deal owner', 'sales agent', '负责人', '销售', '销售员', '业务员', '所有者', '归属人', '跟进人'],
  description: ['description', 'notes', 'note', 'remarks', 'comment', 'comments', '描述', '备注', '说明'],
  customer: ['customer', 'account', 'client', 'customer name', 'account name', 'company', '客户', '客户名称', '所属客户', '公司'],
  isPrimary: ['primary', 'is primary', 'primary contact', '主要联系人', '首要联系人'],
  score: ['score', 'lead score', 'rating', '评分', '分数'],
  stage: ['stage', 'deal stage', 'sales stage', 'pipeline stage', '阶段', '销售阶段', '商机阶段'],
  amount: ['amount', 'value', 'deal value', 'close value', 'revenue', 'total', '金额', '商机金额', '预计金额', '成交金额', '合同金额'],
  currency: ['currency', '币种', '货币'],
  probability: ['probability', 'win probability', '概率', '赢单率', '成交概率'],
  expectedCloseDate: ['expected close date', 'close date', 'closing date', 'expected close', '预计成交日期', '预计成交时间', '预计签约日期', '成交日期'],
  closedAt: ['closed at', 'closed date', 'date closed', 'won date', 'actual close date', '关闭日期', '赢单日期', '实际成交日期'],
  createdAt: ['created at', 'created date', 'created', 'engage date', 'create date', '创建日期', '创建时间', '录入日期'],
  sku: ['sku', 'product code', 'item code', 'code', 'part number', '编号', '产品编号', '货号', '商品编码', '产品编码', '型号'],
  unitPrice: ['unit price', 'price', 'list price', '单价', '价格', '售价', '标准价'],
  taxRate: ['tax rate', 'tax', 'vat', 'tax %', '税率'],
  active: ['active', 'enabled', 'on sale', '在售', '启用', '是否启用'],
  product: ['product', 'product name', 'product sku', 'item', 'sku', 'product code', '产品', '产品名称', '商品', '商品名称', '产品编号', '型号'],
  quantity: ['quantity', 'qty', 'units', 'count', '数量', '件数'],
  discountPercent: ['discount', 'discount %', 'discount percent', '折扣', '折扣率'],
  role: ['role', 'user role', 'access', '角色', '权限', '用户角色'],
  team: ['team', 'team name', 'group', 'department', 'sales team', 'office', 'regional office', 'sales office', 'branch', '团队', '小组', '部门', '所属团队', '办事处', '分公司'],
  manager: ['manager', 'reports to', 'supervisor', 'team lead', 'line manager', '主管', '上级', '直属上级', '经理'],
  lostReason: ['lost reason', 'reason lost', 'loss reason', '丢单原因', '输单原因'],
}

/**
 * Words other CRMs use for a stored enum value (stage keys, statuses). Matching by similarity
 * alone would not see that Engaging is 谈判 or Closed Won is 成交.
 */
export const VALUE_SYNONYMS: Record<string, string[]> = {
  qualification: ['prospecting', 'prospect', 'lead', 'new', 'initial contact', 'qualify', '初步接触', '初步沟通', '线索'],
  needs_analysis: ['needs analysis', 'discovery', 'needs', 'analysis', '需求分析', '需求确认'],
  proposal: ['proposal', 'quote', 'quotation', 'proposal/price quote', 'price quote', '报价', '方案'],
  negotiation: ['negotiation', 'engaging', 'negotiating', 'review', 'negotiation/review', '谈判', '商务谈判'],
  won: ['won', 'closed won', 'win', 'closed-won', 'deal won', '成交', '赢单', '签约'],
  lost: ['lost', 'closed lost', 'loss', 'closed-lost', 'deal lost', '丢单', '输单', '失败'],
  prospect: ['prospect', 'potential', 'lead', '潜在', '潜在客户'],
  active: ['active', 'customer', 'current', '活跃', '正常', '成交客户'],
  inactive: ['inactive', 'churned', 'dormant', 'former', '停用', '流失', '沉睡'],
  company: ['company', 'business', 'organization', 'b2b', '公司', '企业', '单位'],
  person: ['person', 'individual', 'consumer', 'b2c', '个人', '自然人'],
  new: ['new', 'open', '新', '新建', '新线索'],
  admin: ['admin', 'administrator', 'superuser', '管理员', '系统管理员'],
  manager: ['manager', 'team lead', 'supervisor', '经理', '主管', '销售经理'],
  sales: ['sales', 'sales rep', 'agent', 'salesperson', 'rep', '销售', '销售员', '业务员'],
  support: ['support', 'service', 'customer service', 'agent support', '客服', '售后'],
  marketing: ['marketing', 'marketer', '市场', '市场部', '营销'],
  contacted: ['contacted', 'working', 'attempted', '已联系', '跟进中'],
  qualified: ['qualified', 'sales qualified', 'sql', '已确认', '合格'],
  unqualified: ['unqualified', 'disqualified', 'junk', '不合格', '无效'],
}
