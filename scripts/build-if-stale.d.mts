export function buildWebIfStale(): void
export const serverEntries: Record<string, string>
export function buildServerIfStale(): Promise<void>
