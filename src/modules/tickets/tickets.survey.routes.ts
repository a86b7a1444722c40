import { z } from 'zod'
import type { App } from '../../server/types'
import { page, type PageBrand } from '../campaigns/campaigns.public'
import { escapeHtml } from '../campaigns/campaigns.template'
import type { CompanyService } from '../company/company.service'
import { SCORE_LABELS, type MailLanguage } from './tickets.mail-templates'
import type { SurveyView } from './tickets.survey'
import type { TicketService } from './tickets.service'

/** A customer rating from his mail: a handful of requests each, a write and an audit row per vote. */
export const PUBLIC_SURVEY_RATE_LIMIT = { max: 60, timeWindow: '1 minute' }
export const SURVEY_SCRIPT = '/api/v1/public/survey.js'

const L = {
  'zh-CN': {
    title: '服务评价',
    ask: '您对本次服务满意吗？',
    request: (n: string, s: string) => `服务请求 ${n}：${s}`,
    thanks: '感谢您的评价！',
    yours: '您的评分',
    comment: '还有什么想告诉我们的吗？（可选）',
    submit: '提交评价',
    change: '您可以随时修改评分或补充意见。',
    reopened: '此服务请求已重新处理。处理完成后，我们会再次邀请您评价。',
  },
  en: {
    title: 'Rate our service',
    ask: 'How satisfied are you with our service?',
    request: (n: string, s: string) => `Request ${n}: ${s}`,
    thanks: 'Thank you for your rating!',
    yours: 'Your rating',
    comment: 'Anything else you would like to tell us? (optional)',
    submit: 'Submit rating',
    change: 'You can change your rating or add a comment at any time.',
    reopened: 'This request is being worked on again. Once it is resolved, we will ask for your rating again.',
  },
}

const css = `<style>.scores{display:flex;gap:6px;margin:0 0 16px}.scores label{flex:1;text-align:center;border:1px solid #d9d9d9;border-radius:6px;padding:8px 2px;cursor:pointer;font-size:12px;color:#555}.scores input{position:absolute;opacity:0}.scores label:has(input:checked){border-color:#1677ff;background:#e6f4ff;color:#1677ff}.scores b{display:block;font-size:20px;color:#fa8c16}textarea{width:100%;box-sizing:border-box;min-height:80px;border:1px solid #d9d9d9;border-radius:6px;padding:8px;font:inherit;margin:6px 0 16px}.done{background:#f6ffed;border:1px solid #b7eb8f;border-radius:6px;padding:10px 14px;margin:0 0 16px}.muted{color:#888;font-size:13px}</style>`

function surveyBody(v: SurveyView, opts: { chosen: number | null; auto: boolean; thanked: boolean }) {
  const t = L[v.language]
  const labels = SCORE_LABELS[v.language]
  const head = `<h1>${t.ask}</h1><p class="muted" data-testid="survey-request">${escapeHtml(t.request(v.number, v.subject))}</p>`
  if (v.state === 'reopened') return `${head}<p>${t.reopened}</p>`
  const chosen = opts.chosen ?? v.satisfaction
  const done = opts.thanked && v.satisfaction
    ? `<div class="done" data-testid="survey-thanks"><strong>${t.thanks}</strong><br>${t.yours}: <span style="color:#fa8c16">${'★'.repeat(v.satisfaction)}</span> ${v.satisfaction} · ${escapeHtml(labels[v.satisfaction - 1]!)}</div>`
    : ''
  const scores = [1, 2, 3, 4, 5]
    .map((n) => `<label><input type="radio" name="score" value="${n}" required${chosen === n ? ' checked' : ''}><b>${'★'.repeat(n)}</b>${n} · ${escapeHtml(labels[n - 1]!)}</label>`)
    .join('')
  // data-auto: the survey script posts the score clicked in the mail at once (one click); without
  // script, or for a mail scanner that runs none, nothing is recorded until the button is pressed.
  return `${css}${head}${done}<form method="post" id="survey"${opts.auto ? ' data-auto="1"' : ''}><div class="scores">${scores}</div>`
    + `<label for="comment">${t.comment}</label><textarea id="comment" name="comment" maxlength="2000">${escapeHtml(v.satisfactionComment ?? '')}</textarea>`
    + `<button type="submit">${t.submit}</button></form>${done ? `<p class="muted">${t.change}</p>` : ''}`
}

const invalid = '<h1>链接无效或已过期</h1><p class="en">This link is not valid, or has expired.</p>'

const tokenParams = z.strictObject({ token: z.string().max(200) })
const surveyQuery = z.strictObject({ score: z.coerce.number().int().min(1).max(5).optional() })

/** Form fields of the survey's POST (application/x-www-form-urlencoded), checked. */
function parseVote(body: unknown): { score: number; comment: string | null | undefined; auto: boolean } | null {
  const f = new URLSearchParams(typeof body === 'string' ? body : '')
  const score = Number(f.get('score'))
  if (!Number.isInteger(score) || score < 1 || score > 5) return null
  const auto = f.get('auto') === '1'
  const raw = f.get('comment')
  // The automatic post carries no comment: it keeps the one given before.
  const comment = auto || raw === null ? undefined : raw.trim().slice(0, 2000) || null
  return { score, comment, auto }
}

/** The satisfaction survey pages (no sign-in), in their own plugin context for the form body. */
export async function ticketSurveyRoutes(app: App, { tickets, company }: { tickets: TicketService; company: CompanyService }) {
  const brandOf = async (): Promise<PageBrand> => {
    const p = await company.get(null)
    return { name: p.name, logo: p.logo }
  }
  if (!app.hasContentTypeParser('application/x-www-form-urlencoded')) {
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) => done(null, body))
  }
  const config = { public: true, rateLimit: PUBLIC_SURVEY_RATE_LIMIT }
  const tags = ['public']
  const html = (brand: PageBrand, lang: MailLanguage | undefined, body: string, auto = false) =>
    page(L[lang ?? 'zh-CN'].title + (lang ? '' : ' Rate our service'), body, { brand, lang, script: auto ? SURVEY_SCRIPT : undefined })

  app.get('/public/survey/:token', {
    config,
    schema: { tags, summary: 'Satisfaction survey page of a resolved ticket (signed link from the resolution mail); ?score=n pre-selects and, with script, records that score', security: [], params: tokenParams, querystring: surveyQuery },
  }, async (req, reply) => {
    const v = await tickets.survey(req.params.token)
    const brand = await brandOf()
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store')
    if (!v) return reply.status(404).send(html(brand, undefined, invalid))
    const auto = req.query.score !== undefined && v.state === 'rate'
    return reply.send(html(brand, v.language, surveyBody(v, { chosen: req.query.score ?? null, auto, thanked: false }), auto))
  })

  app.post('/public/survey/:token', {
    config,
    schema: { tags, summary: 'Record the rating (form fields score 1–5, optional comment); last vote wins while the link is valid; audited', security: [], params: tokenParams },
  }, async (req, reply) => {
    const vote = parseVote(req.body)
    const brand = await brandOf()
    reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store')
    if (!vote) {
      const v = await tickets.survey(req.params.token)
      if (!v) return reply.status(404).send(html(brand, undefined, invalid))
      return reply.status(400).send(html(brand, v.language, surveyBody(v, { chosen: null, auto: false, thanked: false })))
    }
    const v = await tickets.rate(req.params.token, vote.score, vote.comment, { requestId: req.id, ip: req.ip })
    if (!v) return reply.status(404).send(html(brand, undefined, invalid))
    return reply.send(html(brand, v.language, surveyBody(v, { chosen: null, auto: false, thanked: true })))
  })

  app.get('/public/survey.js', {
    config: { public: true },
    schema: { tags, summary: 'The survey page script: posts the score chosen in the mail (one click)', security: [] },
  }, async (_req, reply) =>
    reply.type('text/javascript; charset=utf-8').header('Cache-Control', 'public, max-age=3600').send(
      `(function(){var f=document.getElementById('survey');if(!f||!f.dataset.auto||!f.querySelector('input[name=score]:checked'))return;var a=document.createElement('input');a.type='hidden';a.name='auto';a.value='1';f.appendChild(a);f.submit()})();`,
    ))
}
