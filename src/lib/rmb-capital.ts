/**
 * 人民币大写: an amount in capital numerals as written on Chinese invoices, cheques and contracts
 * (《支付结算办法》 conventions): 12345.67 → 壹万贰仟叁佰肆拾伍元陆角柒分.
 * - a run of zeros inside the number is one 零 (1005 → 壹仟零伍元, 10005 → 壹万零伍元), none at
 *   the end of a 4-digit group (1500 → 壹仟伍佰元) nor after 万/亿 (101000 → 壹拾万壹仟元);
 * - tens always carry their digit (10 → 壹拾元);
 * - whole yuan end in 整, as do amounts ending in 角 (1.50 → 壹元伍角整); 分 after an empty 角 take
 *   one 零 (1.05 → 壹元零伍分); less than a yuan starts at the first non-zero unit (0.05 → 伍分);
 * - up to 9999万亿 (16 integer digits, numeric(18,2)). Negative amounts, more than two decimals
 *   and anything that is not a plain decimal are refused (RangeError): 大写 is for what is owed.
 */
const DIGITS = '零壹贰叁肆伍陆柒捌玖'
const SMALL = ['', '拾', '佰', '仟']

export function rmbCapital(amount: string | number | bigint): string {
  const text = typeof amount === 'string' ? amount.trim() : String(amount)
  if (text.startsWith('-') && /[1-9]/.test(text)) throw new RangeError('A negative amount has no capital form')
  const m = /^-?(\d+)(?:\.(\d{1,2}))?$/.exec(text)
  if (!m) throw new RangeError(`Not an amount of money: ${text}`)
  const yuan = m[1]!.replace(/^0+(?=\d)/, '')
  if (yuan.length > 16) throw new RangeError('At most 16 integer digits (9999万亿)')
  const cents = (m[2] ?? '').padEnd(2, '0')
  const jiao = Number(cents[0])
  const fen = Number(cents[1])

  let out = ''
  if (yuan !== '0') {
    const groupIsZero = (p: number) => {
      // The 4-digit group whose lowest position is p (p a multiple of 4).
      const end = yuan.length - p
      return /^0*$/.test(yuan.slice(Math.max(0, end - 4), end))
    }
    let zero = false
    for (let i = 0; i < yuan.length; i++) {
      const d = Number(yuan[i])
      const p = yuan.length - 1 - i
      if (d === 0) {
        zero = true
      } else {
        if (zero) out += '零'
        zero = false
        out += DIGITS[d]! + SMALL[p % 4]!
      }
      if (p > 0 && p % 4 === 0 && !groupIsZero(p)) {
        // 万, 亿, and 万亿 when the 亿 group below is empty (1万亿, not 1万).
        out += p === 4 ? '万' : p === 8 ? '亿' : groupIsZero(8) ? '万亿' : '万'
        zero = false
      }
    }
    out += '元'
  }
  if (jiao === 0 && fen === 0) return out ? `${out}整` : '零元整'
  if (jiao) out += `${DIGITS[jiao]}角`
  if (fen) out += `${out && !jiao ? '零' : ''}${DIGITS[fen]}分`
  else out += '整'
  return out
}
