import fc from 'fast-check'

/**
 * Values no client should send: the inputs that break parsers, queries and templates. None
 * contains the words a leak check looks for, so an echo of the input is no false alarm.
 */
export const NASTY_TEXT = [
  "'; DROP TABLE customers; --", "' OR '1'='1", '1; SELECT pg_sleep(5)--', "admin'--", '" OR ""="', '1) OR (1=1',
  "' UNION SELECT null, current_user --", '%', '_', '%_\\', '\\', "\\'", '$1', '::text', "E'\\x00'",
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', '"><svg onload=alert(1)>',
  '{{7*7}}', '${7*7}', '{{', '}}', '{{constructor.constructor("return 1")()}}', '#{7*7}',
  '../../../../etc/passwd', '..\\..\\windows\\win.ini', 'file:///etc/passwd', 'http://169.254.169.254/latest/meta-data/',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'null', 'undefined', 'NaN', 'Infinity', '-Infinity', 'true', 'false', '[]', '{}', '0', '-0', '-1', '1e309', '0x1F', '1_000',
  '9'.repeat(400), '-' + '9'.repeat(40), '0.1e-400', '2026-02-30', '9999-12-31', '10000-01-01', '0000-01-01', '-000001-01-01',
  '2026-12-08T25:61:61Z', '2026-12-08T00:00:00+99:99', '275760-09-13', 'P1Y', 'now', 'today',
  '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', '0190a000-0000-7000-8000-00000000000g',
  '0190A000-0000-7000-8000-000000000000', '{0190a000-0000-7000-8000-000000000000}', '0190a0000000700080000000000000000',
  '\u0000', 'a\u0000b', '\ud800', '\udfff', '\uffff', '\ufeff', '\u202e', '\u200b', '\r\n', '\r\nX-Injected: 1', '\t\v\f\b',
  '中文 客户', '🙂'.repeat(100), 'Ω≈ç√∫', 'ｆｕｌｌｗｉｄｔｈ', 'İstanbul', 'ß', 'ǅ',
  ' ', '   ', '', '-', '+', '--', '-name', '+name', 'name,email', 'name desc', '*', '.', ',', ';', '=', '&', '?', '#',
  'a@b', 'a@b.c', '@', 'x@' + 'y'.repeat(300) + '.com', '+8613800138000', '+0', '+99999999999999999999',
]

/** Strings with every kind of character (control, surrogate halves, astral) and sizes up to a megabyte. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...NASTY_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x', '客', '🙂', "'", '<', '{{ '), fc.constantFrom(201, 1001, 5001, 65_537, 1_000_001)).map(([c, n]) => c.repeat(n)) },
  { weight: 1, arbitrary: fc.uuid() },
)

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, -0.5, 1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e-320, 100.001, 101, 99999999999),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
)

/** A value nested `depth` levels deep, as arrays or objects. */
const deep = fc.tuple(fc.integer({ min: 20, max: 200 }), fc.boolean()).map(([depth, arrays]) => {
  let v: unknown = 'x'
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v }
  return v
})

/** Any JSON value, shallow or deep, of any type. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: hostileString },
    { weight: 2, arbitrary: hostileNumber },
    { weight: 1, arbitrary: fc.constantFrom(true, false, null) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(hostileString.filter((k) => k.length < 50), tie('value'), { maxKeys: 4 }) },
    { weight: 1, arbitrary: deep },
  ),
})).value

/** Bodies that are no JSON object: malformed, duplicated keys, too deep, in another encoding. */
export const rawBodies: fc.Arbitrary<{ payload: string | Buffer; contentType?: string }> = fc.oneof(
  fc.constantFrom(
    { payload: '{"name": "x",' }, { payload: '{' }, { payload: '"just a string"' }, { payload: '12' }, { payload: 'null' }, { payload: '[]' },
    { payload: '{"version": 1, "version": "one", "name": "dup", "name": {"$ne": null}}' },
    { payload: '{"__proto__": {"role": "admin"}, "name": "x"}' }, { payload: '{"constructor": {"prototype": {"isAdmin": true}}}' },
    { payload: `${'['.repeat(50_000)}${']'.repeat(50_000)}` }, { payload: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` },
    { payload: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]) },
    { payload: Buffer.from('{"name":"x"}', 'utf16le'), contentType: 'application/json; charset=utf-16' },
    { payload: '{"name":"x"}', contentType: 'application/json; charset=latin1' },
    { payload: 'name=x&version=1', contentType: 'application/x-www-form-urlencoded' },
    { payload: '<customer><name>x</name></customer>', contentType: 'application/xml' },
    { payload: '{"name":"x"}', contentType: 'text/plain' },
    { payload: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname\r\nA\r\n--x', contentType: 'multipart/form-data; boundary=x' },
    { payload: 'garbage', contentType: 'multipart/form-data' },
    { payload: '{"name":"x"}', contentType: 'application/octet-stream' },
    { payload: '{"name":"x"}', contentType: '' },
    { payload: '', contentType: 'application/json' },
  ),
  hostileValue.map((v) => ({ payload: JSON.stringify(v) ?? 'null' })),
)

/** Percent-encodes every byte of the UTF-8 form (a lone surrogate becomes U+FFFD, as a browser sends it). */
export const encode = (s: string) => Array.from(Buffer.from(s, 'utf8'), (b) => (/[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('')

/** Escapes a URL may carry that are no UTF-8 at all, sent as they are. */
export const rawEscapes = fc.constantFrom('%FF', '%ED%A0%80', '%C0%AF', '%00', '%', '%2', '%%', '%E0%80', '%0A%0D')
