import { z } from 'zod'
import type { App } from '../../server/types'
import { ctxOf } from '../../server/auth'
import { idParams, pageOf } from '../../lib/schema'
import type { CampaignService } from './campaigns.service'
import type { CampaignSender } from './campaigns.sender'
import type { CampaignStatsService } from './campaigns.stats'
import type { CampaignTracking } from './campaigns.public'
import { campaignPublicRoutes } from './campaigns.public'
import {
  campaignCreateSchema, campaignListQuerySchema, campaignSchema, campaignUpdateSchema, compareQuerySchema, compareSchema, previewQuerySchema,
  previewSchema, recipientSchema, recipientsQuerySchema, sendingSettingsSchema, sendSchema, statsSchema, testSendSchema, testSentSchema,
} from './campaigns.schema'

interface Deps {
  campaigns: CampaignService
  campaignSender: CampaignSender
  campaignStats: CampaignStatsService
  campaignTracking: CampaignTracking
}

export function campaignRoutes(app: App, deps: Deps) {
  const { campaigns, campaignSender: sender, campaignStats: stats } = deps
  const tags = ['campaigns']
  app.get('/campaigns', { schema: { tags, querystring: campaignListQuerySchema, response: { 200: pageOf(campaignSchema) } } }, (req) => campaigns.list(ctxOf(req), req.query))

  app.post('/campaigns', {
    schema: { tags, summary: 'Create (marketing, admin); an unknown merge field in emailSubject/emailBody → 400', body: campaignCreateSchema, response: { 201: campaignSchema } },
  }, async (req, reply) => {
    const c = await campaigns.create(ctxOf(req), req.body)
    return reply.status(201).header('Location', `/api/v1/campaigns/${c.id}`).send(c)
  })

  app.get('/campaigns/compare', {
    schema: { tags, summary: 'Comparison table: stats of several campaigns (default the 50 newest)', querystring: compareQuerySchema, response: { 200: compareSchema } },
  }, (req) => stats.compare(ctxOf(req), req.query.ids))

  app.get('/campaign-settings', { schema: { tags, summary: 'Sending defaults: throttle, retries', response: { 200: sendingSettingsSchema } } }, (req) => sender.getSettings(ctxOf(req)))
  app.put('/campaign-settings', { schema: { tags, body: sendingSettingsSchema, response: { 200: sendingSettingsSchema } } }, (req) => sender.putSettings(ctxOf(req), req.body))

  app.get('/campaigns/:id', { schema: { tags, params: idParams, response: { 200: campaignSchema } } }, (req) => campaigns.get(ctxOf(req), req.params.id))

  app.patch('/campaigns/:id', {
    schema: { tags, summary: 'Update; stale version → 409; e-mail and list frozen once a send is scheduled (409)', params: idParams, body: campaignUpdateSchema, response: { 200: campaignSchema } },
  }, (req) => campaigns.update(ctxOf(req), req.params.id, req.body))

  app.delete('/campaigns/:id', { schema: { tags, params: idParams, response: { 204: z.null() } } }, async (req, reply) => {
    await campaigns.remove(ctxOf(req), req.params.id)
    return reply.status(204).send(null)
  })

  app.post('/campaigns/:id/restore', { schema: { tags, params: idParams, response: { 200: campaignSchema } } }, (req) => campaigns.restore(ctxOf(req), req.params.id))

  app.get('/campaigns/:id/preview', {
    schema: { tags, summary: 'The e-mail rendered for one member of the list', params: idParams, querystring: previewQuerySchema, response: { 200: previewSchema } },
  }, (req) => campaigns.preview(ctxOf(req), req.params.id, req.query.memberId))

  app.post('/campaigns/:id/test-send', {
    schema: { tags, summary: 'Send one rendered message now to `to` (subject prefixed [测试 Test]; not tracked or counted)', params: idParams, body: testSendSchema, response: { 200: testSentSchema } },
  }, (req) => campaigns.testSend(ctxOf(req), req.params.id, req.body))

  app.post('/campaigns/:id/send', {
    schema: { tags, summary: 'Schedule the send (now or at scheduledAt) as a durable background job → 202 with the campaign', params: idParams, body: sendSchema.optional(), response: { 202: campaignSchema } },
  }, async (req, reply) => reply.status(202).send(await sender.send(ctxOf(req), req.params.id, req.body ?? {})))

  app.post('/campaigns/:id/cancel-send', {
    schema: { tags, summary: 'Cancel a scheduled (back to draft) or running (cancelled) send', params: idParams, response: { 200: campaignSchema } },
  }, (req) => sender.cancel(ctxOf(req), req.params.id))

  app.get('/campaigns/:id/stats', {
    schema: { tags, summary: 'Effect analysis: counts, rates, sourced leads and deals, won revenue, cost, ROI', params: idParams, response: { 200: statsSchema } },
  }, (req) => stats.stats(ctxOf(req), req.params.id))

  app.get('/campaigns/:id/recipients', {
    schema: { tags, summary: 'Recipients of a send with their state (skipped ones with the reason), keyset-paged', params: idParams, querystring: recipientsQuerySchema, response: { 200: pageOf(recipientSchema) } },
  }, (req) => stats.recipients(ctxOf(req), req.params.id, req.query))

  app.register(campaignPublicRoutes, { campaignTracking: deps.campaignTracking })
}
