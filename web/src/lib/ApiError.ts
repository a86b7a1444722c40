export interface FieldError {
  path: string
  message: string
}

/** RFC 9457 problem+json as the Kith API sends it. */
export interface Problem {
  type?: string
  title?: string
  status: number
  detail?: string
  code?: string
  errors?: FieldError[]
  current?: unknown
}

/** Every failed API call throws this: the HTTP status plus the problem the server described. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly detail: string | undefined
  readonly errors: FieldError[]
  readonly current: unknown

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${problem.status}`)
    this.name = 'ApiError'
    this.status = problem.status
    this.code = problem.code ?? (problem.status === 0 ? 'NETWORK_ERROR' : `HTTP_${problem.status}`)
    this.detail = problem.detail ?? problem.title
    this.errors = problem.errors ?? []
    this.current = problem.current
  }

  get isConflict(): boolean {
    return this.code === 'VERSION_CONFLICT'
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError
