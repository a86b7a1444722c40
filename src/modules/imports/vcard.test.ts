import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import type { ByteSource } from './source'
import { readVcards } from './vcard'

/** The file as the import stores it, in chunks of `chunk` bytes (a line may straddle two). */
const source = (data: Buffer, chunk = 7): ByteSource => ({
  size: data.length,
  async *stream() {
    for (let i = 0; i < data.length; i += chunk) yield data.subarray(i, i + chunk)
  },
  range: async (a, b) => data.subarray(a, b),
})

async function rows(data: Buffer | string, encoding = 'utf-8') {
  const out: { row: number; cells: string[] }[] = []
  for await (const r of readVcards(source(typeof data === 'string' ? Buffer.from(data) : data), encoding)) out.push(r)
  return out.slice(1)
}

describe('readVcards', () => {
  it('builds the name from N when there is no FN, in Chinese or Western order', async () => {
    const text = 'BEGIN:VCARD\nVERSION:3.0\nN:Smith;John;Q.;Dr.;Jr.\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nN:欧阳;修;;;\nEND:VCARD\n'
    expect((await rows(text)).map((r) => r.cells[0])).toEqual(['Dr. John Q. Smith Jr.', '欧阳修'])
  })

  it('unfolds lines folded with a tab, keeps escaped semicolons in ORG, and counts lines for the row number', async () => {
    const text = 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\n\t Berg\r\nORG:Berg\\; Söhne AG;Vertrieb\r\nEND:VCARD\r\n\r\nBEGIN:VCARD\r\nFN:Two\r\nEND:VCARD\r\n'
    expect(await rows(text)).toEqual([
      { row: 1, cells: ['Anna Berg', 'Berg; Söhne AG', '', '', '', '', ''] },
      { row: 8, cells: ['Two', '', '', '', '', '', ''] },
    ])
  })

  it('ignores an embedded AGENT card and a 2.1 photo whose base64 lines are not indented; keeps a card cut off before END', async () => {
    const text = [
      'BEGIN:VCARD', 'VERSION:2.1', 'FN:Boss', 'AGENT:', 'BEGIN:VCARD', 'FN:Assistant', 'TEL:555', 'END:VCARD',
      'PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQ', 'AAABAAEAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U', '',
      'TEL;WORK:+86 10 6234 5678', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:2.1', 'FN:Cut Off', 'EMAIL;INTERNET:cut@off.cn',
    ].join('\r\n')
    expect((await rows(text)).map((r) => r.cells)).toEqual([
      ['Boss', '', '', '', '+86 10 6234 5678', '', ''],
      ['Cut Off', '', '', 'cut@off.cn', '', '', ''],
    ])
  })

  it('puts the preferred e-mail and phone first (2.1 bare PREF, 3.0 TYPE=pref, 4.0 PREF=n) and drops repeats', async () => {
    const text = [
      'BEGIN:VCARD', 'VERSION:2.1', 'FN:A', 'EMAIL;INTERNET:a2@x.cn', 'EMAIL;PREF;INTERNET:a1@x.cn', 'EMAIL:A1@x.cn', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:3.0', 'FN:B', 'TEL;TYPE=HOME:1', 'TEL;TYPE=CELL,pref:2', 'END:VCARD',
      'BEGIN:VCARD', 'VERSION:4.0', 'FN:C', 'EMAIL;PREF=3:c3@x.cn', 'EMAIL;PREF=1:c1@x.cn', 'EMAIL:c9@x.cn', 'END:VCARD',
    ].join('\n')
    expect((await rows(text)).map((r) => [r.cells[3], r.cells[4], r.cells[5], r.cells[6]])).toEqual([
      ['a1@x.cn', '', 'a2@x.cn', ''],
      ['', '2', '', '1'],
      ['c1@x.cn', '', 'c3@x.cn; c9@x.cn', ''],
    ])
  })

  it('reads each value in its own CHARSET (Big5, GBK), and guesses the charset of quoted-printable without one', async () => {
    const gbkQp = [...iconv.encode('王芳', 'gbk')].map((b) => `=${b.toString(16).toUpperCase()}`).join('')
    const data = Buffer.concat([
      Buffer.from('BEGIN:VCARD\r\nVERSION:2.1\r\nFN;CHARSET=BIG5:'), iconv.encode('陳大文', 'big5'),
      Buffer.from('\r\nORG;CHARSET=GBK:'), iconv.encode('华南贸易', 'gbk'),
      Buffer.from(`\r\nTITLE;ENCODING=QUOTED-PRINTABLE:${gbkQp}\r\nEND:VCARD\r\n`),
    ])
    expect((await rows(data, 'gb18030')).map((r) => r.cells.slice(0, 3))).toEqual([['陳大文', '华南贸易', '王芳']])
  })
})
