import { createContext } from 'react'
import type { Session } from './api'

/**
 * The session RequireAuth has checked, for the pages inside it. A context rather than each page
 * reading the session query: when the session ends (sign-out, expiry) RequireAuth stops rendering
 * the pages before any of them could render without a user.
 */
export const SessionContext = createContext<Session | null>(null)
