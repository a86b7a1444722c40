import { SMTPServer, type SMTPServerAddress } from 'smtp-server'
import { simpleParser, type AddressObject } from 'mailparser'

export interface ReceivedMail {
  envelopeFrom: string
  envelopeTo: string[]
  from: string
  to: string
  subject: string
  text: string
  html: string
  headers: Map<string, unknown>
  /** Header values as sent (mailparser structures some, e.g. List-* into `list`), by lower-case name. */
  rawHeaders: Map<string, string>
  attachments: { filename: string; contentType: string; content: Buffer }[]
  messageId: string
}

export interface SmtpBehaviour {
  /** Answer RCPT TO for these addresses with 550 (a permanent refusal). */
  rejectRecipient?: (address: string) => boolean
  /** Answer every message with this reply (e.g. 451 for a temporary failure, 554 for a permanent one). */
  failAll?: { code: number; message: string } | null
  /** Wait this long before accepting each message (timeouts, throttling). */
  delayMs?: number
}

export interface TestSmtpServer {
  url: string
  port: number
  messages: ReceivedMail[]
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>
  behave(b: SmtpBehaviour): void
  close(): Promise<void>
}

const addressText = (a: AddressObject | AddressObject[] | undefined) =>
  !a ? '' : Array.isArray(a) ? a.map((x) => x.text).join(', ') : a.text

/** A real SMTP server process on a random local port that parses and keeps what it receives. */
export async function startSmtpServer(initial: SmtpBehaviour = {}): Promise<TestSmtpServer> {
  let behaviour: SmtpBehaviour = { ...initial }
  const messages: ReceivedMail[] = []
  const err = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code })

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 50 * 1024 * 1024,
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      if (behaviour.rejectRecipient?.(address.address)) return callback(err(550, `5.1.1 <${address.address}>: no such user`))
      callback()
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (c: Buffer) => chunks.push(c))
      stream.on('end', () => {
        const reply = async () => {
          if (behaviour.delayMs) await new Promise((r) => setTimeout(r, behaviour.delayMs))
          if (behaviour.failAll) throw err(behaviour.failAll.code, behaviour.failAll.message)
          const parsed = await simpleParser(Buffer.concat(chunks))
          messages.push({
            envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            from: addressText(parsed.from),
            to: addressText(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
            rawHeaders: new Map(parsed.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()])),
            attachments: parsed.attachments.map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
            messageId: parsed.messageId ?? '',
          })
        }
        reply().then(() => callback(), (e: Error) => callback(e))
      })
    },
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as { port: number }).port

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    behave(b) {
      behaviour = { ...b }
    },
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs
      while (messages.length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} messages, the SMTP server got ${messages.length}`)
        await new Promise((r) => setTimeout(r, 20))
      }
      return messages
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
