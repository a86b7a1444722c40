/**
 * One error type for everything a service can refuse, with a code from one list and one
 * exhaustive map from code to HTTP status. The Fastify error handler (server/error-handler.ts)
 * turns it into RFC 9457 problem+json.
 */
export const errorStatus = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_TOKEN_INVALID: 403,
  INSUFFICIENT_SCOPE: 403,
  NOT_FOUND: 404,
  CUSTOMER_NOT_FOUND: 404,
  CONTACT_NOT_FOUND: 404,
  LEAD_NOT_FOUND: 404,
  ACTIVITY_NOT_FOUND: 404,
  STAGE_NOT_FOUND: 404,
  LOST_REASON_NOT_FOUND: 404,
  OPPORTUNITY_NOT_FOUND: 404,
  TICKET_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  TEAM_NOT_FOUND: 404,
  API_TOKEN_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  QUOTE_NOT_FOUND: 404,
  ORDER_NOT_FOUND: 404,
  VERSION_CONFLICT: 409,
  SKU_TAKEN: 409,
  QUOTE_STATUS_CONFLICT: 409,
  ORDER_STATUS_CONFLICT: 409,
  OPPORTUNITY_CLOSED: 409,
  QUOTE_SEND_IN_PROGRESS: 409,
  EMAIL_TAKEN: 409,
  TEAM_NAME_TAKEN: 409,
  SETUP_ALREADY_DONE: 409,
  NOT_DELETED: 409,
  NOT_A_PERSON: 409,
  TEAM_NOT_EMPTY: 409,
  LEAD_ALREADY_CONVERTED: 409,
  STAGE_KEY_TAKEN: 409,
  STAGE_IN_USE: 409,
  STAGE_KIND_CONFLICT: 409,
  TICKET_CLOSED: 409,
  IMPORT_FILE_INVALID: 400,
  IMPORT_NOT_FOUND: 404,
  IMPORT_STATE_CONFLICT: 409,
  CAMPAIGN_NOT_FOUND: 404,
  MAILING_LIST_NOT_FOUND: 404,
  LIST_NOT_STATIC: 409,
  CAMPAIGN_LOCKED: 409,
  CAMPAIGN_NOT_SENDABLE: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  TWO_FACTOR_CODE_INVALID: 400,
  TWO_FACTOR_CODE_REUSED: 400,
  TWO_FACTOR_CHALLENGE_INVALID: 401,
  TWO_FACTOR_REQUIRED: 403,
  TWO_FACTOR_ALREADY_ENABLED: 409,
  TWO_FACTOR_NOT_ENABLED: 409,
  RATE_LIMITED: 429,
  MAIL_SEND_FAILED: 502,
  SMTP_NOT_CONFIGURED: 503,
  INTERNAL: 500,
} as const satisfies Record<string, number>

export type ErrorCode = keyof typeof errorStatus

export const errorTitles: Record<ErrorCode, string> = {
  MAIL_SEND_FAILED: 'The mail server did not accept the message',
  SMTP_NOT_CONFIGURED: 'E-mail sending is not set up (SMTP_URL is not configured)',
  VALIDATION_FAILED: 'Validation failed',
  BAD_REQUEST: 'Bad request',
  UNAUTHENTICATED: 'Sign-in required',
  INVALID_CREDENTIALS: 'Wrong e-mail or password',
  FORBIDDEN: 'Not allowed',
  CSRF_TOKEN_INVALID: 'Missing or invalid CSRF token',
  INSUFFICIENT_SCOPE: 'The API token lacks the scope this request needs',
  NOT_FOUND: 'Not found',
  CUSTOMER_NOT_FOUND: 'Customer not found',
  CONTACT_NOT_FOUND: 'Contact not found',
  LEAD_NOT_FOUND: 'Lead not found',
  ACTIVITY_NOT_FOUND: 'Activity not found',
  STAGE_NOT_FOUND: 'Pipeline stage not found',
  LOST_REASON_NOT_FOUND: 'Lost reason not found',
  OPPORTUNITY_NOT_FOUND: 'Opportunity not found',
  TICKET_NOT_FOUND: 'Ticket not found',
  USER_NOT_FOUND: 'User not found',
  TEAM_NOT_FOUND: 'Team not found',
  API_TOKEN_NOT_FOUND: 'API token not found',
  PRODUCT_NOT_FOUND: 'Product not found',
  QUOTE_NOT_FOUND: 'Quote not found',
  ORDER_NOT_FOUND: 'Order not found',
  VERSION_CONFLICT: 'The record was changed by someone else',
  SKU_TAKEN: 'Another product has this SKU',
  QUOTE_STATUS_CONFLICT: 'The quote cannot do that in its current status',
  ORDER_STATUS_CONFLICT: 'The order cannot move to that status',
  OPPORTUNITY_CLOSED: 'The deal is lost: no quote can be made from it',
  QUOTE_SEND_IN_PROGRESS: 'This quote is being sent right now',
  EMAIL_TAKEN: 'E-mail already in use',
  TEAM_NAME_TAKEN: 'Team name already in use',
  SETUP_ALREADY_DONE: 'Kith is already set up',
  NOT_DELETED: 'The record is not deleted',
  NOT_A_PERSON: 'Privacy requests are about people, not companies',
  TEAM_NOT_EMPTY: 'The team still has members',
  LEAD_ALREADY_CONVERTED: 'The lead is already converted',
  STAGE_KEY_TAKEN: 'A pipeline stage with this key exists',
  STAGE_IN_USE: 'Opportunities are in this stage',
  STAGE_KIND_CONFLICT: 'The pipeline needs exactly one won stage and at least one lost stage',
  TICKET_CLOSED: 'The ticket is closed',
  IMPORT_FILE_INVALID: 'The file cannot be imported',
  IMPORT_NOT_FOUND: 'Import not found',
  IMPORT_STATE_CONFLICT: 'The import is not in a state that allows this',
  CAMPAIGN_NOT_FOUND: 'Campaign not found',
  MAILING_LIST_NOT_FOUND: 'Mailing list not found',
  LIST_NOT_STATIC: 'Only a static list has members to add or remove',
  CAMPAIGN_LOCKED: 'The campaign has been sent: its e-mail and list can no longer change',
  CAMPAIGN_NOT_SENDABLE: 'The campaign cannot be sent in its current state',
  PAYLOAD_TOO_LARGE: 'Request body too large',
  UNSUPPORTED_MEDIA_TYPE: 'Unsupported media type',
  TWO_FACTOR_CODE_INVALID: 'Wrong or expired authentication code',
  TWO_FACTOR_CODE_REUSED: 'This authentication code was already used',
  TWO_FACTOR_CHALLENGE_INVALID: 'The sign-in step expired or is unknown: sign in with your password again',
  TWO_FACTOR_REQUIRED: 'Your role requires two-factor authentication',
  TWO_FACTOR_ALREADY_ENABLED: 'Two-factor authentication is already on',
  TWO_FACTOR_NOT_ENABLED: 'Two-factor authentication is not set up',
  RATE_LIMITED: 'Too many requests',
  INTERNAL: 'Internal server error',
}

export interface FieldError {
  path: string
  message: string
}

export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra: { errors?: FieldError[]; current?: unknown; retryAfter?: number; requiredScope?: string } = {},
  ) {
    super(detail ?? errorTitles[code])
    this.status = errorStatus[code]
  }
}

export const validationError = (errors: FieldError[]) =>
  new AppError('VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { errors })

export const fieldError = (path: string, message: string) => validationError([{ path, message }])
