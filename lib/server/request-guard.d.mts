import type { IncomingMessage, ServerResponse } from "node:http";

export declare const MAX_REQUEST_BYTES: number;
export declare const TOO_LARGE_MESSAGE: string;
export declare function createRequestGuard(options: { trustedProxies: number; maxRequestBytes?: number }): (req: IncomingMessage, res: ServerResponse) => boolean;
export declare const MAX_ACTION_BYTES: number;
export declare const REFUSED_LINGER_MS: number;
export declare const ACTION_TOO_LARGE_MESSAGE: string;
export declare const ACTION_LENGTH_REQUIRED_MESSAGE: string;
