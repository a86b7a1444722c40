import { describe, expect, it } from 'vitest'
import { amountScale, priceDealLines, priceDocumentLines } from './pricing'

// The web editors preview with these same functions, so what they show is what the server stores.
describe('lib/pricing, shared by the server and the web editors', () => {
  it('holds a three-decimal currency to the two decimals amounts are stored with', () => {
    expect([amountScale('KWD'), amountScale('JPY'), amountScale('CNY')]).toEqual([2, 0, 2])
    expect(priceDealLines([{ quantity: '1', unitPrice: '1.2345', discountPercent: '0' }], 'KWD')).toEqual({ total: '1.23', amounts: ['1.23'] })
    expect(priceDocumentLines([{ quantity: '1', unitPrice: '1.2345', discountPercent: '0', taxRate: '10' }], 'KWD')).toMatchObject({ subtotal: '1.23', taxTotal: '0.12', total: '1.36' })
  })

  it('rounds each total once from the exact sum', () => {
    const third = { quantity: '1', unitPrice: '0.333333', discountPercent: '0' }
    expect(priceDealLines([third, third, third], 'CNY')).toEqual({ total: '1.00', amounts: ['0.33', '0.33', '0.33'] })
    expect(priceDealLines([{ quantity: '3', unitPrice: '333.5', discountPercent: '0' }], 'JPY').total).toBe('1001')
  })
})
