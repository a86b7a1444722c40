import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { parseKey } from './lib/field-cipher'

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    KITH_DATA_DIR: z.string().default('./data'),
    KITH_ADMIN_EMAIL: z.email().optional(),
    KITH_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
    KITH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    KITH_ENCRYPTION_KEY: z.string().optional(),
    KITH_ENCRYPTION_KEY_FILE: z.string().optional(),
    KITH_DEFAULT_REGION: z
      .string()
      .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as CN or US')
      .default('CN'),
    KITH_PUBLIC_URL: z.url().optional(),
    KITH_TRUST_PROXY: z
      .string()
      .default('false')
      .transform(parseTrustProxy)
      .refine((v) => v !== undefined, 'false, true (one proxy), a number of proxies, or their addresses/CIDRs: 10.0.0.1,10.0.0.0/8')
      .transform((v) => v!),
    KITH_LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
    KITH_SESSION_CACHE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
    KITH_JOB_RECOVERY_SECONDS: z.coerce.number().int().min(2).max(3600).default(30),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
    KITH_MAIL_FROM: z.string().min(3).default('Kith <no-reply@localhost>'),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    KITH_IMPORT_DRAFT_HOURS: z.coerce.number().min(1).max(24 * 365).default(24),
    KITH_BACKUP_PASSPHRASE: z.string().min(12, 'must be at least 12 characters').optional(),
    NODE_ENV: z.string().optional(),
  })
  .refine((env) => !(env.KITH_ENCRYPTION_KEY && env.KITH_ENCRYPTION_KEY_FILE), {
    path: ['KITH_ENCRYPTION_KEY'],
    message: 'set KITH_ENCRYPTION_KEY or KITH_ENCRYPTION_KEY_FILE, not both',
  })
  .refine((env) => !(env.KITH_ADMIN_EMAIL && !env.KITH_ADMIN_PASSWORD), {
    path: ['KITH_ADMIN_PASSWORD'],
    message: 'is required when KITH_ADMIN_EMAIL is set',
  })

export interface Config {
  port: number
  host: string
  databaseUrl?: string
  dataDir: string
  adminEmail?: string
  adminPassword?: string
  /** undefined → a random secret is generated and kept in the database (see server/secret.ts). */
  secret?: string
  /** The master key that wraps the field-encryption data keys; never stored in the database. */
  encryptionKey?: Buffer
  defaultRegion: string
  publicUrl: string
  /**
   * Which proxies may say who the client is: false (none: the socket's address), a number of
   * proxy hops in front of Kith, or their addresses. Trusting any X-Forwarded-For would let a
   * client forge its address (rate limits, audit).
   */
  trustProxy: false | number | string
  loginMaxAttempts: number
  /** How long a copy may reuse a resolved session; a logout on another copy takes effect within it. */
  sessionCacheSeconds: number
  /** A queue-working process silent this long is taken for dead; its jobs are requeued (it beats five times as often). */
  jobRecoverySeconds: number
  smtpUrl?: string
  /** The From of mail Kith sends (quotes, campaigns), e.g. `Acme Sales <sales@acme.cn>`. */
  mailFrom: string
  logLevel: (typeof LOG_LEVELS)[number]
  /** Marks cookies Secure when the public URL is https. */
  secureCookies: boolean
  /** Hours after which an import analysed but never started leaves the history, its file deleted. */
  importDraftHours: number
  /** Encrypts scheduled backups (and is the default key of `kith backup --encrypt`). */
  backupPassphrase?: string
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = envSchema.safeParse(env)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = result.data
  const publicUrl = (e.KITH_PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '')
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.KITH_DATA_DIR,
    adminEmail: e.KITH_ADMIN_EMAIL,
    adminPassword: e.KITH_ADMIN_PASSWORD,
    secret: e.KITH_SECRET,
    encryptionKey: masterKey(e.KITH_ENCRYPTION_KEY, e.KITH_ENCRYPTION_KEY_FILE),
    defaultRegion: e.KITH_DEFAULT_REGION,
    publicUrl,
    trustProxy: e.KITH_TRUST_PROXY,
    loginMaxAttempts: e.KITH_LOGIN_MAX_ATTEMPTS,
    sessionCacheSeconds: e.KITH_SESSION_CACHE_SECONDS,
    jobRecoverySeconds: e.KITH_JOB_RECOVERY_SECONDS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.KITH_MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    secureCookies: publicUrl.startsWith('https://'),
    backupPassphrase: e.KITH_BACKUP_PASSPHRASE,
    importDraftHours: e.KITH_IMPORT_DRAFT_HOURS,
  }
}

export class ConfigError extends Error {}

const KEY_HINT = 'must be 32 random bytes written as base64 or hex (e.g. `openssl rand -base64 32`)'

function masterKey(value: string | undefined, file: string | undefined): Buffer | undefined {
  if (value !== undefined) {
    const key = parseKey(value)
    if (!key) throw new ConfigError(`Invalid configuration:\n  KITH_ENCRYPTION_KEY: ${KEY_HINT}`)
    return key
  }
  if (file === undefined) return undefined
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new ConfigError(`Invalid configuration:\n  KITH_ENCRYPTION_KEY_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code})`)
  }
  const key = parseKey(text)
  if (!key) throw new ConfigError(`Invalid configuration:\n  KITH_ENCRYPTION_KEY_FILE: ${file} ${KEY_HINT}`)
  return key
}

const IPV4 = /^(\d{1,3}\.){3}\d{1,3}(\/\d{1,2})?$/
const IPV6 = /^[0-9a-f:]+(\/\d{1,3})?$/i

/** `true` is one proxy (the address it appends is the client's), not every hop a client may invent. */
function parseTrustProxy(v: string): false | number | string | undefined {
  const t = v.trim().toLowerCase()
  if (t === 'false' || t === '0' || t === '') return false
  if (t === 'true') return 1
  if (/^\d+$/.test(t)) return Number(t)
  const list = t.split(',').map((a) => a.trim())
  return list.every((a) => IPV4.test(a) || (a.includes(':') && IPV6.test(a))) ? list.join(',') : undefined
}

/** Reads the process environment; prints a clear message and exits when it is invalid. */
export function loadConfig(): Config {
  try {
    return parseConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
}
