import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

// A real OpenID Connect provider for tests (the `oidc-provider` package, certified by the OpenID
// Foundation), standing in for a municipality's Entra ID or AD FS. Its login page asks only for an
// e-mail: whatever is typed becomes the subject and, unless `claimsFor` says otherwise, the `email`
// claim of the ID token. Consent is implied. RP-initiated logout is on (the package's default).

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Extra or replaced ID token claims per typed login, e.g. { email: undefined, upn: "…" }. */
  claimsFor: Map<string, Record<string, unknown>>;
  close(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, clientName: string): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Testkommunens login</title></head>
<body><main><h1>Testkommunens login</h1><p>Log ind for at fortsætte til ${escapeHtml(clientName)}.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="login">Arbejdsmail</label> <input id="login" name="login" type="email" autocomplete="username" required>
<button type="submit">Log ind hos kommunen</button></form></main></body></html>`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

/** Starts a provider on 127.0.0.1:<port> (0: any free port) for the given Spor redirect URIs. */
export async function startOidcProvider({
  port = 0,
  redirectUris,
  postLogoutRedirectUris = [],
}: {
  port?: number;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}): Promise<TestOidcProvider> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "spor-test";
  const clientSecret = "hemmelig-test-klient-0123456789abcdef";
  const claimsFor = new Map<string, Record<string, unknown>>();

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        client_name: "Spor",
        redirect_uris: redirectUris,
        post_logout_redirect_uris: postLogoutRedirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    async findAccount(_ctx, sub) {
      return {
        accountId: sub,
        async claims() {
          return { sub, email: sub, email_verified: true, name: `Test ${sub.split("@")[0]}`, ...(claimsFor.get(sub) ?? {}) };
        },
      };
    },
    // groups: as Entra ID sends them when the app registration asks for group claims.
    claims: { openid: ["sub"], email: ["email", "email_verified", "upn"], profile: ["name", "given_name", "family_name", "groups"] },
    // The claims go in the ID token itself, as Entra ID does, not only at the userinfo endpoint.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false }, rpInitiatedLogout: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ["spor-test-oidc-provider-cookie-key"] },
    async loadExistingGrant(ctx) {
      // Consent is implied: every login grants openid, email and profile to the client.
      const accountId = ctx.oidc.session?.accountId;
      if (!accountId || !ctx.oidc.client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on("request", (req, res) => {
    const match = /^\/interaction\/([^/?]+)(\/login)?/.exec(req.url ?? "");
    if (!match) return void callback(req, res);
    void (async () => {
      try {
        if (req.method === "GET" && !match[2]) {
          const details = await provider.interactionDetails(req, res);
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(loginPage(details.uid, "Spor"));
          return;
        }
        if (req.method === "POST" && match[2]) {
          const login = (await readForm(req)).get("login")?.trim().toLowerCase() ?? "";
          await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
          return;
        }
        res.statusCode = 405;
        res.end();
      } catch (error) {
        res.statusCode = 400;
        res.end(String(error));
      }
    })();
  });

  return {
    issuer,
    clientId,
    clientSecret,
    claimsFor,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
