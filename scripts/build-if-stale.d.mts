export function buildWebIfStale(): void
export function buildServerIfStale(): Promise<void>
