// One single sign-on as a browser without JavaScript makes it (issue 15's sign-in storm, OIDC path):
// Spor's start link (GET /login/sso?kommune=N) → the municipality's provider (its login form, as the
// test provider in tests/helpers/oidc-provider.ts shows it) → Spor's callback, which starts the session.
// Two cookie jars: Spor's (the state cookie, then the session) and the provider's.

class Jar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair.indexOf("=");
      const value = pair.slice(at + 1).trim();
      if (value) this.cookies.set(pair.slice(0, at).trim(), value);
      else this.cookies.delete(pair.slice(0, at).trim());
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

async function hop(url: string, jar: Jar, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(url, { ...init, redirect: "manual", headers: { ...(init.headers ?? {}), cookie: jar.header() } });
  jar.take(response);
  return response;
}

/** Signs `login` in through municipality `number`'s provider; null when a Spor session was started, else what went wrong. */
export async function oidcSignIn(sporBase: string, number: number, login: string): Promise<string | null> {
  const spor = new Jar();
  const provider = new Jar();
  const start = await hop(`${sporBase}/login/sso?kommune=${number}`, spor);
  let next = start.headers.get("location");
  if (start.status !== 302 || !next) return `start ${start.status}`;
  for (let step = 0; step < 10; step++) {
    const url: URL = new URL(next, sporBase);
    if (url.origin === new URL(sporBase).origin) {
      const back = await hop(url.toString(), spor);
      const location = back.headers.get("location") ?? "";
      if (back.status !== 302 || location.includes("sso-fejl")) return `callback ${back.status} ${location}`;
      return /session_token=/.test(spor.header()) ? null : "no session cookie";
    }
    const response = await hop(url.toString(), provider);
    if (response.status === 200 && url.pathname.startsWith("/interaction/")) {
      await response.arrayBuffer();
      const posted = await hop(new URL(`${url.pathname}/login`, url).toString(), provider, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ login }),
      });
      next = new URL(posted.headers.get("location") ?? "", url).toString();
      continue;
    }
    await response.arrayBuffer();
    const location = response.headers.get("location");
    if (!location) return `provider ${response.status} at ${url.pathname}`;
    next = new URL(location, url).toString();
  }
  return "too many redirects";
}
