import { deflateRawSync } from 'node:zlib'
import type { TestApp, AuthHeaders } from '../../test/test-app'

/** A multipart/form-data body as a browser sends it: text fields in order, then the file (then any `after` fields). */
export function multipart(fields: Record<string, string | undefined>, file?: { name: string; data: Buffer; type?: string }, after: Record<string, string> = {}) {
  const boundary = `----kithtest${Math.random().toString(16).slice(2)}`
  const parts: Buffer[] = []
  const text = (k: string, v: string) => parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`))
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) text(k, v)
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`))
    parts.push(file.data, Buffer.from('\r\n'))
  }
  for (const [k, v] of Object.entries(after)) text(k, v)
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

export function importApi(t: TestApp) {
  const post = (url: string, as: AuthHeaders, body: ReturnType<typeof multipart>) =>
    t.app.inject({ method: 'POST', url, headers: { ...as, ...body.headers }, payload: body.payload })
  return {
    analyze: (as: AuthHeaders, entity: string, file: { name: string; data: Buffer }, extra: Record<string, string> = {}) =>
      post('/api/v1/imports/analyze', as, multipart({ entity, ...extra }, file)),
    upload: (as: AuthHeaders, fields: Record<string, string | undefined>, file: { name: string; data: Buffer }) =>
      post('/api/v1/imports', as, multipart(fields, file)),
    /** Starts an analysed upload and works the queue; returns the final status. */
    async run(as: AuthHeaders, id: string, options: Record<string, unknown>) {
      const res = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${id}/start`, headers: as, payload: options })
      if (res.statusCode !== 202) throw new Error(`start: ${res.statusCode} ${res.body}`)
      await t.services.jobs.drain('import')
      return (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: as })).json()
    },
    status: async (as: AuthHeaders, id: string) => (await t.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: as })).json(),
  }
}

/** A zip with one stored local entry per name and a central directory; sizes as given (a bomb declares its real inflated size). */
export function zip(entries: { name: string; data: Buffer; declaredSize?: number }[]) {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const deflated = deflateRawSync(e.data)
    const name = Buffer.from(e.name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(8, 8)
    local.writeUInt32LE(deflated.length, 18); local.writeUInt32LE(e.declaredSize ?? e.data.length, 22); local.writeUInt16LE(name.length, 26)
    locals.push(local, name, deflated)
    const cd = Buffer.alloc(46)
    cd.writeUInt32LE(0x02014b50, 0); cd.writeUInt16LE(20, 4); cd.writeUInt16LE(20, 6); cd.writeUInt16LE(8, 10)
    cd.writeUInt32LE(deflated.length, 20); cd.writeUInt32LE(e.declaredSize ?? e.data.length, 24); cd.writeUInt16LE(name.length, 28); cd.writeUInt32LE(offset, 42)
    central.push(cd, name)
    offset += 30 + name.length + deflated.length
  }
  const cdBuf = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cdBuf.length, 12); end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cdBuf, end])
}
