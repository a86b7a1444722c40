import { z } from 'zod'
import { timestamp } from '../../lib/schema'
import { sessionSchema } from './auth.schema'

const token = z.string().min(1).max(200).describe('the token from the 202 reply of POST /auth/login')
const code = z.string().trim().min(1, 'Required').max(40).describe('6 digits from the authenticator app, or a recovery code where accepted')

export const twoFactorPendingSchema = z
  .object({
    token: z.string(),
    purpose: z.enum(['verify', 'enrol']).describe('verify: send a code; enrol: the role requires 2FA and the user has none yet'),
    expiresAt: timestamp,
  })
  .meta({ id: 'TwoFactorPending' })
export type TwoFactorPending = z.infer<typeof twoFactorPendingSchema>

export const twoFactorLoginSchema = z.strictObject({ token, code }).meta({ id: 'TwoFactorLogin' })
export const twoFactorTokenSchema = z.strictObject({ token }).meta({ id: 'TwoFactorToken' })
export const twoFactorCodeSchema = z.strictObject({ code }).meta({ id: 'TwoFactorCode' })
export const twoFactorDisableSchema = z.strictObject({ password: z.string().max(200), code }).meta({ id: 'TwoFactorDisable' })

export const twoFactorEnrolmentSchema = z
  .object({
    secret: z.string().describe('base32, for typing into the app by hand'),
    otpauthUrl: z.string().describe('otpauth://totp/… as in the QR code'),
    qrCode: z.string().describe('data:image/svg+xml;base64,… of the otpauth URL'),
  })
  .meta({ id: 'TwoFactorEnrolment' })
export type TwoFactorEnrolment = z.infer<typeof twoFactorEnrolmentSchema>

export const twoFactorStatusSchema = z
  .object({ enabled: z.boolean(), enabledAt: timestamp.nullable(), recoveryCodesLeft: z.number().int(), required: z.boolean() })
  .meta({ id: 'TwoFactorStatus' })
export type TwoFactorStatus = z.infer<typeof twoFactorStatusSchema>

const recoveryCodes = z.array(z.string()).describe('shown once: only their hashes are kept')
export const recoveryCodesSchema = z.object({ recoveryCodes }).meta({ id: 'RecoveryCodes' })

export const twoFactorSessionSchema = sessionSchema
  .extend({ recoveryCodesLeft: z.number().int().optional(), recoveryCodes: recoveryCodes.optional() })
  .meta({ id: 'TwoFactorSession' })
export type TwoFactorSession = z.infer<typeof twoFactorSessionSchema>
