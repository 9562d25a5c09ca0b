export declare const CLIENT_IP_HEADER: "x-spor-client-ip";
export declare function resolveClientIp(
  socketAddress: string | undefined | null,
  forwardedFor: string | string[] | undefined | null,
  trustedHops: number,
): string | null;
export declare function parseTrustedProxies(value: string | undefined): number;
