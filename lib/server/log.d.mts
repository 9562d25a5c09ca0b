import type { Logger } from "pino";

export declare const log: Logger;
export declare function requestIdFrom(header: string | string[] | null | undefined, trusted: boolean): string;
export declare function withRequestContext<T>(requestId: string, fn: () => T): T;
export declare function currentRequestId(): string | undefined;
export declare function identifyRequest(who: { userId?: string | null; municipalityId?: string | null }): void;
