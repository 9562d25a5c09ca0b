// Every server action and route handler registers itself here when its module loads, through the
// one wrapper for its kind (./action.ts, ./route.ts). The authorization matrix test
// (tests/db/authorization-matrix.test.ts) imports every action and route module and checks that each
// registered endpoint has a row in its table, so a new endpoint without a declared rule fails CI.

export type EndpointKind = "action" | "route";

/** Who may reach the endpoint at all, before the domain checks scope. */
export type Audience = "public" | "signed-in" | "api-token" | "operator";

export interface EndpointInfo {
  kind: EndpointKind;
  /** Actions: "domain.verb", e.g. "units.create". Routes: "METHOD /path", e.g. "POST /api/registrations". */
  name: string;
  audience: Audience;
  /** Whether a successful call changes data (the matrix test checks nothing changed on denial). */
  mutates: boolean;
}

const KEY = Symbol.for("spor.endpoints");
type GlobalWithRegistry = typeof globalThis & { [KEY]?: Map<string, EndpointInfo> };

function registry(): Map<string, EndpointInfo> {
  const store = globalThis as GlobalWithRegistry;
  store[KEY] ??= new Map();
  return store[KEY];
}

/** Registers an endpoint. A module evaluated twice (dev reloads, test isolation) registers the same name again. */
export function registerEndpoint(info: EndpointInfo): void {
  const key = `${info.kind}:${info.name}`;
  const existing = registry().get(key);
  if (existing && (existing.audience !== info.audience || existing.mutates !== info.mutates)) {
    throw new Error(`Two endpoints are named ${key}: names must be unique.`);
  }
  registry().set(key, info);
}

export function registeredEndpoints(): EndpointInfo[] {
  return [...registry().values()].sort((a, b) => `${a.kind}:${a.name}`.localeCompare(`${b.kind}:${b.name}`));
}

/** Marks a wrapped function so a test can tell a wrapped export from a bare one. */
export const WRAPPED = Symbol.for("spor.wrapped");

export function markWrapped<F extends object>(fn: F, info: EndpointInfo): F {
  Object.defineProperty(fn, WRAPPED, { value: info, enumerable: false });
  return fn;
}

export function wrappedInfo(fn: unknown): EndpointInfo | undefined {
  return typeof fn === "function" ? (fn as unknown as Record<symbol, EndpointInfo | undefined>)[WRAPPED] : undefined;
}
