import type { Db } from '../../db/database'
import type { RequestContext } from '../../server/context'
import type { Services } from '../../services'
import { productCreateSchema } from '../products/products.schema'

const CATALOG: { sku: string; zh: string; en: string; price: string; tax: string }[] = [
  { sku: 'CRM-PRO-Y', zh: 'CRM 专业版（年订阅/用户）', en: 'CRM Professional (per user, yearly)', price: '1200.00', tax: '6' },
  { sku: 'SVC-IMPL-D', zh: '实施服务（人天）', en: 'Implementation services (person-day)', price: '2800.00', tax: '6' },
  { sku: 'SVC-MIGR', zh: '数据迁移', en: 'Data migration', price: '15000.00', tax: '6' },
  { sku: 'SVC-TRAIN', zh: '培训服务', en: 'Training', price: '6000.00', tax: '6' },
  { sku: 'SVC-MAINT-Y', zh: '年度维保', en: 'Annual maintenance', price: '18000.00', tax: '6' },
  { sku: 'HW-SRV-2U', zh: '服务器硬件（2U 机架式）', en: 'Server hardware (2U rack)', price: '42000.00', tax: '13' },
]

/**
 * The demo's catalog, company profile, quotes on the deals in proposal and negotiation, and two
 * of them accepted into orders (one shipped). Idempotent enough for a re-seed: skips when products exist.
 */
export async function seedDemoQuotes(db: Db, services: Services, admin: RequestContext): Promise<{ products: number; quotes: number; orders: number }> {
  if (await db.selectFrom('products').select('id').limit(1).executeTakeFirst()) return { products: 0, quotes: 0, orders: 0 }
  await services.company.put(admin, {
    name: '云杉科技（演示）', address: '上海市浦东新区世纪大道 100 号 20 楼', phone: '+86 21 5888 6666', email: 'sales@demo.example.com',
    taxId: '91310115MA1K000000', quoteValidityDays: 30, quoteTerms: '付款方式：合同签订后 5 个工作日内支付 50%，验收后支付余款。',
  })
  for (const p of CATALOG) {
    await services.products.create(admin, productCreateSchema.parse({ sku: p.sku, name: p.zh, description: p.en, unitPrice: p.price, taxRate: p.tax }))
  }
  const deals = await db.selectFrom('opportunities').select('id').where('stage', 'in', ['proposal', 'negotiation']).where('deletedAt', 'is', null).orderBy('createdAt').limit(8).execute()
  let orders = 0
  for (const [i, d] of deals.entries()) {
    const q = await services.quotes.generate(admin, d.id, {})
    if (i < 2) {
      const order = await services.quoteAcceptance.accept(admin, q.id)
      orders++
      if (i === 0) await services.orders.update(admin, order.id, { version: order.version, status: 'shipped' })
    }
  }
  return { products: CATALOG.length, quotes: deals.length, orders }
}
