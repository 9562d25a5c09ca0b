// Spor's public address, for every absolute link it writes (activation and password links, Better
// Auth's base URL) and for the choice of Secure cookies and HSTS. It never comes from a request's
// Host or X-Forwarded-Host header: those are whatever the client or a proxy says.
//
// "Production" means a server installation: DATABASE_URL set and NODE_ENV=production (what
// `npm start` / `next start` runs). There SPOR_BASE_URL is required and the server refuses to start
// without it. On the embedded database (README's `npm install && npm start`, no configuration) and
// in development the default is http://localhost:$PORT.

export class BaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BaseUrlError";
  }
}

type Env = Record<string, string | undefined>;

/** A server installation in production: PostgreSQL (DATABASE_URL) and NODE_ENV=production. */
export function isServerProduction(env: Env = process.env): boolean {
  return Boolean(env.DATABASE_URL?.trim()) && env.NODE_ENV === "production";
}

/** Origin only, no trailing slash: "https://spor.kommune.dk". Throws BaseUrlError (Danish, then English). */
export function baseUrl(env: Env = process.env): string {
  const configured = env.SPOR_BASE_URL?.trim();
  if (!configured) {
    if (isServerProduction(env)) {
      throw new BaseUrlError(
        "SPOR_BASE_URL mangler: sæt den til Spors offentlige adresse, fx SPOR_BASE_URL=https://spor.kommune.dk, " +
          "når Spor kører mod en PostgreSQL-server (DATABASE_URL). " +
          "/ SPOR_BASE_URL is required on a PostgreSQL server in production: set it to Spor's public address, e.g. https://spor.kommune.dk.",
      );
    }
    return `http://localhost:${env.PORT?.trim() || "3000"}`;
  }
  let url: URL;
  try {
    url = new URL(configured);
  } catch {
    throw new BaseUrlError(`SPOR_BASE_URL "${configured}" er ikke en adresse (fx https://spor.kommune.dk). / SPOR_BASE_URL is not a URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new BaseUrlError(
      `SPOR_BASE_URL skal begynde med https:// eller http:// (fik "${configured}"). / SPOR_BASE_URL must start with https:// or http://.`,
    );
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== "/" && url.pathname !== "")) {
    throw new BaseUrlError(
      `SPOR_BASE_URL skal være en adresse uden sti, brugernavn eller parametre, fx https://spor.kommune.dk (fik "${configured}"). ` +
        "/ SPOR_BASE_URL must be an origin without path, credentials or query.",
    );
  }
  return url.origin;
}

/** Whether Spor is served over HTTPS (Secure cookies, HSTS). Never throws: false when unset or invalid. */
export function servedOverHttps(env: Env = process.env): boolean {
  return /^https:\/\//i.test(env.SPOR_BASE_URL?.trim() ?? "");
}
