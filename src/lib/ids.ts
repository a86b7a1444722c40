import { v7 } from 'uuid'

/** Time-ordered UUIDv7: safe to generate in any process, and index-friendly. */
export const newId = (): string => v7()
