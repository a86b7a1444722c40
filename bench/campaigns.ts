/**
 * Campaign benchmarks on PostgreSQL (`tsx bench/campaigns.ts`, or runCampaignBench() from bench/run.ts):
 *  1. materialising a 100,000-recipient campaign (one INSERT … SELECT from a dynamic segment) — target ≤ 10 s;
 *  2. Kith's send loop (claim, render, SMTP over a pooled connection, mark sent) with the throttle
 *     off, against a local SMTP peer, versus raw nodemailer sending the same rendered messages to
 *     the same peer in the same run: the difference is Kith's per-message overhead.
 * Env: BENCH_CAMPAIGN_DATABASE_URL (default: database kith_bench_campaigns on the local server),
 * BENCH_RECIPIENTS (100_000), BENCH_SEND (2_000).
 */
import nodemailer from 'nodemailer'
import pg from 'pg'
import { SMTPServer } from 'smtp-server'
import { sql } from 'kysely'
import { parseConfig } from '../src/config'
import { openDatabase } from '../src/db/database'
import { migrateToLatest } from '../src/db/migrate'
import { putSetting } from '../src/db/settings.repository'
import { systemContext } from '../src/server/context'
import { createJobs } from '../src/server/jobs'
import { createMailer } from '../src/server/mailer'
import { createServices } from '../src/services'
import { newId } from '../src/lib/ids'

const num = (v: string | undefined, d: number) => (v ? Number(v.replaceAll('_', '')) : d)

/** A local SMTP peer that accepts and discards: the bench measures the sender, not a parser. */
async function sinkSmtp() {
  let received = 0
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false, disableReverseLookup: true,
    onData(stream, _s, cb) { stream.on('data', () => {}); stream.on('end', () => { received++; cb() }) },
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.server.address() as { port: number }).port
  return { url: `smtp://127.0.0.1:${port}`, received: () => received, close: () => new Promise<void>((r) => server.close(() => r())) }
}

export async function runCampaignBench(opts: { url?: string; recipients?: number; send?: number } = {}): Promise<string> {
  const recipients = opts.recipients ?? num(process.env.BENCH_RECIPIENTS, 100_000)
  const sendN = opts.send ?? num(process.env.BENCH_SEND, 2_000)
  const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres'
  const url = opts.url ?? process.env.BENCH_CAMPAIGN_DATABASE_URL ?? Object.assign(new URL(adminUrl), { pathname: '/kith_bench_campaigns' }).toString()
  if (!opts.url && !process.env.BENCH_CAMPAIGN_DATABASE_URL) {
    const admin = new pg.Client(adminUrl)
    await admin.connect()
    if (!(await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'kith_bench_campaigns'`)).rowCount) await admin.query('CREATE DATABASE kith_bench_campaigns')
    await admin.end()
  }
  const smtp = await sinkSmtp()
  const database = await openDatabase({ databaseUrl: url, poolSize: 4 })
  await migrateToLatest(database.db)
  const { db } = database
  const config = parseConfig({ DATABASE_URL: url, SMTP_URL: smtp.url, KITH_SECRET: 'bench-secret-bench-secret-bench-secret', KITH_PUBLIC_URL: 'https://crm.example.cn', KITH_MAIL_FROM: 'Bench <bench@example.cn>' })
  const mailer = createMailer({ smtpUrl: smtp.url, from: config.mailFrom })
  const jobs = createJobs(database.execSql, { error: (o, m) => console.error(m, o) })
  const services = createServices(db, config, { mailer, jobs })
  const lines: string[] = []
  const log = (s: string) => { console.log(s); lines.push(s) }

  // Audience: generated customers with addresses, tagged so the segment picks exactly them.
  const seed = async (tag: string, n: number) => {
    const have = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM customers WHERE tags @> ARRAY[${tag}]::text[]`.execute(db)).rows[0]!.n)
    if (have >= n) return
    await sql`INSERT INTO customers (id, name, email, tags, status)
      SELECT kith_uuid_v7(), 'Bench ' || g, ${tag} || '-' || g || '@bench.example.com', ARRAY[${tag}]::text[], 'active'
        FROM generate_series(${have + 1}::int, ${n}::int) g`.execute(db)
  }
  await seed('bench-audience', recipients)
  await seed('bench-send', sendN)
  await sql`ANALYZE customers`.execute(db)
  const user = await db.insertInto('users').values({ id: newId(), email: `bench-marketing-${Date.now()}@example.cn`, name: 'Bench', role: 'marketing', teamId: null, active: true, locale: null, passwordHash: 'x', createdBy: null }).returning('id').executeTakeFirstOrThrow()
  const ctx = systemContext({ userId: user.id, role: 'marketing', teamId: null })
  await putSetting(db, 'campaign_sending', { messagesPerMinute: null, maxAttempts: 5, retryBaseSeconds: 60 })
  const body = '<html><body><h1>您好 {{name}}</h1><p>{{company}} 的朋友，双十一大促：<a href="https://shop.example.cn/sale">立即查看</a></p><p>' + '优惠信息 '.repeat(200) + '</p></body></html>'
  const campaignFor = async (tag: string) => {
    const list = await services.mailingLists.create(ctx, { name: tag, kind: 'dynamic', filter: { all: [{ field: 'customer.tags', op: 'contains', value: tag }] } })
    const c = await services.campaigns.create(ctx, { name: tag, mailingListId: list.id, emailSubject: '{{firstName}}，双十一', emailBody: body })
    await services.campaignSender.send(ctx, c.id, {})
    return c.id
  }

  // 1. Materialisation.
  const big = await campaignFor('bench-audience')
  let t0 = performance.now()
  await services.campaignSender.prepare(big)
  const materialiseS = (performance.now() - t0) / 1000
  const rows = Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${big}`.execute(db)).rows[0]!.n)
  log(`| materialise a ${recipients.toLocaleString('en')}-recipient campaign (one INSERT … SELECT) | ${rows.toLocaleString('en')} rows | ${materialiseS.toFixed(2)} s | ≤ 10 s ${materialiseS <= 10 ? 'PASS' : 'FAIL'} |`)
  await services.campaignSender.cancel(ctx, big)

  // 2. Send loop vs raw nodemailer (pooled, sequential, same rendered messages, same peer).
  const sendId = await campaignFor('bench-send')
  await services.campaignSender.prepare(sendId)
  const campaign = (await db.selectFrom('campaigns').selectAll().where('id', '=', sendId).executeTakeFirstOrThrow())
  const sample = await db.selectFrom('campaignRecipients').select(['id', 'email', 'name', 'company', 'token']).where('campaignId', '=', sendId).orderBy('id').limit(sendN).execute()
  const { createComposer } = await import('../src/modules/campaigns/campaigns.compose')
  const composer = createComposer({ publicUrl: config.publicUrl, mailFrom: config.mailFrom })
  const raw = nodemailer.createTransport({ url: smtp.url, pool: true, maxConnections: 1, maxMessages: 1000 })
  const messages = sample.map((r) => composer.mail({ ...campaign, links: campaign.links as string[] }, r))
  t0 = performance.now()
  for (const m of messages) await raw.sendMail(m)
  const rawS = (performance.now() - t0) / 1000
  raw.close()
  const before = smtp.received()
  t0 = performance.now()
  for (let i = 0; i < 100; i++) {
    await services.campaignSender.work({ campaignId: sendId }, { id: `bench-${i}` })
    const s = await db.selectFrom('campaigns').select('sendStatus').where('id', '=', sendId).executeTakeFirstOrThrow()
    if (s.sendStatus !== 'sending') break
  }
  const kithS = (performance.now() - t0) / 1000
  const sent = smtp.received() - before
  const rawRate = sendN / rawS
  const kithRate = sent / kithS
  log(`| raw nodemailer (pooled connection), ${sendN.toLocaleString('en')} messages | ${rawRate.toFixed(0)} msg/s | ${(1000 / rawRate).toFixed(2)} ms/msg | baseline |`)
  log(`| Kith send loop, throttle off, ${sent.toLocaleString('en')} messages | ${kithRate.toFixed(0)} msg/s | ${(1000 / kithRate).toFixed(2)} ms/msg | overhead ${(1000 / kithRate - 1000 / rawRate).toFixed(2)} ms/msg |`)

  await jobs.stop()
  mailer.close()
  await database.close()
  await smtp.close()
  return ['| campaign case | size | time / rate | target |', '| --- | --- | --- | --- |', ...lines].join('\n')
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(`\n${await runCampaignBench()}`)
}
