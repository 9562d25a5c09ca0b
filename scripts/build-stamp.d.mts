type Env = Record<string, string | undefined>;
export function sourceHash(env?: Env): string;
export function staleReason(env?: Env): string | null;
