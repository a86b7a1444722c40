import { z } from 'zod'
import type { Db } from '../../db/database'
import type { App } from '../../server/types'
import type { SuppressionService } from '../suppressions/suppressions.service'
import * as rcp from './campaigns.recipients.repository'
import { escapeHtml } from './campaigns.template'
import { getCompanyBrand } from '../company/company.service'

/** 122 random bits (gen_random_uuid, a CSPRNG) as 32 hex digits: unguessable, stored, unique. */
const TOKEN = /^[0-9a-f]{32}$/

/** Tracking and unsubscribe for people who got a campaign: no sign-in, and nothing a forged token can break. */
export function createCampaignTracking({ db, suppressions }: { db: Db; suppressions: SuppressionService }) {
  const recipient = async (token: string) => (TOKEN.test(token) ? rcp.findByToken(db, token) : undefined)
  return {
    /** The company the pages speak for. */
    brand: (): Promise<PageBrand> => getCompanyBrand(db),

    async open(token: string) {
      if (TOKEN.test(token)) await rcp.recordOpen(db, token)
    },

    /** The template's link number `n` for this recipient, or null: never a URL the token carries itself. */
    async click(token: string): Promise<string | null> {
      const m = /^([0-9a-f]{32})\.(\d{1,4})$/.exec(token)
      if (!m) return null
      const r = await recipient(m[1]!)
      const url = r?.links[Number(m[2])]
      if (!r || typeof url !== 'string' || !/^https?:\/\//i.test(url)) return null
      await rcp.recordClick(db, r.id)
      return url
    },

    async lookup(token: string) {
      const r = await recipient(token)
      return r ? { email: r.email, campaignName: r.campaignName, unsubscribed: r.unsubscribedAt !== null } : null
    },

    /** Suppresses the address for every campaign, marks this recipient, and audits it — one transaction. */
    async unsubscribe(token: string, meta: { requestId: string; ip?: string }) {
      const r = await recipient(token)
      if (!r) return null
      await db.transaction().execute(async (trx) => {
        await suppressions.add(trx, { actor: null, requestId: meta.requestId, ip: meta.ip }, { email: r.email, reason: 'unsubscribed', campaignId: r.campaignId, detail: null })
        await rcp.recordUnsubscribe(trx, r.id)
      })
      return { email: r.email, campaignName: r.campaignName }
    },
  }
}

export type CampaignTracking = ReturnType<typeof createCampaignTracking>

// The smallest transparent GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64')

/** The company a public page speaks for: its name and (a PNG/JPEG data: URL) logo at the top. */
export interface PageBrand { name: string; logo: string | null }

const brandHeader = (b: PageBrand | undefined) => {
  if (!b || (!b.name && !b.logo)) return ''
  const logo = b.logo && /^data:image\/(png|jpeg|jpg);base64,[A-Za-z0-9+/]+={0,2}$/.test(b.logo) ? `<img class="logo" src="${b.logo}" alt="">` : ''
  return `<header class="brand">${logo}${b.name ? `<span>${escapeHtml(b.name)}</span>` : ''}</header>`
}

/** A small self-contained public page (no app bundle), carrying the company's name and logo when given. */
export const page = (title: string, body: string, opts: { brand?: PageBrand; lang?: string; script?: string } = {}) => `<!doctype html><html lang="${opts.lang ?? 'zh-CN'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${opts.brand?.name ? `${escapeHtml(opts.brand.name)} – ` : ''}${title}</title>
<style>body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;padding:48px 16px;color:#222}main{max-width:440px;margin:auto;background:#fff;border-radius:8px;padding:32px;box-shadow:0 1px 4px rgba(0,0,0,.08)}h1{font-size:20px;margin:0 0 16px}p{line-height:1.6}.en{color:#666}button{background:#1677ff;color:#fff;border:0;border-radius:6px;padding:10px 20px;font-size:15px;cursor:pointer}.brand{display:flex;align-items:center;gap:10px;margin:0 0 20px;padding:0 0 16px;border-bottom:1px solid #f0f0f0;font-weight:600;font-size:16px}.brand .logo{max-height:40px;max-width:160px}</style>${opts.script ? `<script src="${opts.script}" defer></script>` : ''}</head><body><main>${brandHeader(opts.brand)}${body}</main></body></html>`

const masked = (email: string) => email.replace(/^(.).*?(.?)@/, (_m, a: string, b: string) => `${a}***${b}@`)

const tokenParams = z.strictObject({ token: z.string().max(200) })
/**
 * Opens and clicks per client address. Gmail's image proxy and corporate NAT put many genuine
 * readers behind one address, so this is a flood guard, not a per-person limit: each request costs
 * one indexed lookup, and a dropped request is a lost open or click.
 */
export const PUBLIC_TRACKING_RATE_LIMIT = { max: 6000, timeWindow: '1 minute' }
/** The unsubscribe page and its POST (a write and an audit row each) keep the tighter limit. */
export const PUBLIC_UNSUBSCRIBE_RATE_LIMIT = { max: 300, timeWindow: '1 minute' }

/**
 * Public routes in their own plugin context, so only they accept the one-click unsubscribe's
 * form body (RFC 8058 posts `List-Unsubscribe=One-Click` as a form).
 */
export async function campaignPublicRoutes(app: App, { campaignTracking: t }: { campaignTracking: CampaignTracking }) {
  for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']) {
    if (!app.hasContentTypeParser(type)) app.addContentTypeParser(type, { parseAs: 'string', bodyLimit: 4096 }, (_req, body, done) => done(null, body))
  }
  const config = { public: true, rateLimit: PUBLIC_UNSUBSCRIBE_RATE_LIMIT }
  const trackingConfig = { public: true, rateLimit: PUBLIC_TRACKING_RATE_LIMIT }
  const tags = ['public']
  const notFound = '<h1>链接无效或已过期</h1><p class="en">This link is not valid.</p>'

  app.get('/public/unsubscribe/:token', { config, schema: { tags, summary: 'Unsubscribe page (bilingual); the button posts to the same URL', security: [], params: tokenParams } }, async (req, reply) => {
    const r = await t.lookup(req.params.token)
    const brand = await t.brand()
    if (!r) return reply.status(404).type('text/html; charset=utf-8').send(page('链接无效 Invalid link', notFound, { brand }))
    const who = escapeHtml(masked(r.email))
    const body = r.unsubscribed
      ? `<h1>您已退订</h1><p>${who} 不会再收到我们的营销邮件。</p><p class="en">${who} is unsubscribed and will get no more marketing e-mail from us.</p>`
      : `<h1>退订邮件 Unsubscribe</h1><p>不再向 ${who} 发送营销邮件（来自「${escapeHtml(r.campaignName)}」）？</p><p class="en">Stop sending marketing e-mail to ${who}?</p><form method="post"><button type="submit">确认退订 Unsubscribe</button></form>`
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page('退订 Unsubscribe', body, { brand }))
  })

  app.post('/public/unsubscribe/:token', { config, schema: { tags, summary: 'Unsubscribe (one click, RFC 8058 List-Unsubscribe-Post); recorded in suppressions and the audit log', security: [], params: tokenParams } }, async (req, reply) => {
    const r = await t.unsubscribe(req.params.token, { requestId: req.id, ip: req.ip })
    const brand = await t.brand()
    if (!r) return reply.status(404).type('text/html; charset=utf-8').send(page('链接无效 Invalid link', notFound, { brand }))
    const who = escapeHtml(masked(r.email))
    return reply.type('text/html; charset=utf-8').send(page('已退订 Unsubscribed', `<h1>已退订</h1><p>${who} 不会再收到我们的营销邮件。</p><p class="en">${who} has been unsubscribed. You will get no more marketing e-mail from us.</p>`, { brand }))
  })

  app.get('/public/t/o/:token', { config: trackingConfig, schema: { tags, summary: 'Open pixel ({token}.gif); always the same image', security: [], params: tokenParams } }, async (req, reply) => {
    await t.open(req.params.token.replace(/\.gif$/, ''))
    return reply.type('image/gif').header('Cache-Control', 'no-store, max-age=0').send(PIXEL)
  })

  app.get('/public/t/c/:token', { config: trackingConfig, schema: { tags, summary: 'Click redirect: only to a link of the campaign\'s template; anything else is a 404 page', security: [], params: tokenParams } }, async (req, reply) => {
    const url = await t.click(req.params.token)
    if (!url) return reply.status(404).type('text/html; charset=utf-8').send(page('链接无效 Invalid link', notFound))
    return reply.header('Cache-Control', 'no-store').redirect(url, 302)
  })
}
