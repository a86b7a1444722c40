import nodemailer, { type Transporter } from 'nodemailer'
import { AppError } from './errors'

export interface OutgoingMail {
  to: string | string[]
  subject: string
  text?: string
  html?: string
  from?: string
  replyTo?: string
  headers?: Record<string, string>
  attachments?: { filename: string; content: Buffer; contentType?: string }[]
  /** Decide it before sending when a retry must be recognisable as the same message. */
  messageId?: string
}

export interface SentMail {
  messageId: string
  accepted: string[]
  rejected: string[]
}

export interface Mailer {
  readonly configured: boolean
  send(mail: OutgoingMail): Promise<SentMail>
  close(): void
}

/**
 * A refused or failed send. `permanent` (a 5xx SMTP reply: unknown mailbox, policy) means retrying
 * cannot help; 4xx replies, timeouts and connection errors are worth retrying later.
 */
export class MailError extends AppError {
  constructor(
    detail: string,
    readonly permanent: boolean,
    readonly smtpCode?: number,
  ) {
    super('MAIL_SEND_FAILED', detail)
  }
}

export interface MailerOptions {
  smtpUrl?: string
  from: string
  /** Connection, greeting and socket timeout; a stuck SMTP peer must not hold a request for minutes. */
  timeoutMs?: number
}

export function createMailer(opts: MailerOptions): Mailer {
  const timeout = opts.timeoutMs ?? 15_000
  let transport: Transporter | undefined
  const transporter = () => {
    transport ??= nodemailer.createTransport({
      url: opts.smtpUrl,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 2,
    })
    return transport
  }

  return {
    configured: Boolean(opts.smtpUrl),
    async send(mail) {
      if (!opts.smtpUrl) throw new AppError('SMTP_NOT_CONFIGURED')
      try {
        const info = await transporter().sendMail({ ...mail, from: mail.from ?? opts.from })
        const accepted = (info.accepted ?? []).map(String)
        const rejected = (info.rejected ?? []).map(String)
        if (accepted.length === 0) {
          throw new MailError(`The mail server refused every recipient: ${rejected.join(', ')}`, true, 550)
        }
        return { messageId: info.messageId, accepted, rejected }
      } catch (err) {
        throw toMailError(err)
      }
    },
    close() {
      transport?.close()
    },
  }
}

function toMailError(err: unknown): MailError {
  if (err instanceof MailError) return err
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string }
  if (typeof e.responseCode === 'number') {
    // The SMTP reply is the peer's words about the message (e.g. "550 5.1.1 no such user"): safe to show.
    return new MailError(`The mail server replied: ${e.response ?? e.responseCode}`, e.responseCode >= 500, e.responseCode)
  }
  const what = `${e.code ?? ''} ${e.message ?? ''}`
  const reason = /ECONNREFUSED/.test(what)
    ? 'refused the connection'
    : /ETIMEDOUT|timeout/i.test(what)
      ? 'did not answer in time'
      : /ENOTFOUND|EAI_AGAIN/.test(what)
        ? 'could not be found (check SMTP_URL)'
        : `could not be reached (${e.code ?? 'network error'})`
  return new MailError(`The mail server ${reason}; nothing was sent, try again.`, false)
}
