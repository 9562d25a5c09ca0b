import http from "node:http";
import { createTestSamlIdp, privilegesAttribute } from "./saml-idp";

// The test SAML identity provider (tests/helpers/saml-idp.ts) behind HTTP, for the browser: its
// login page asks for a work e-mail, then answers Spor with the HTTP-POST binding (a page with a form
// that posts the signed response to Spor's ACS). It grants the role it was started with, in the
// municipality with the given CVR number, as KOMBIT's Context Handler would.

export interface TestSamlIdpServer {
  ssoUrl: string;
  close(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;
}

/** Starts the provider on 127.0.0.1:port; Spor's metadata is fetched from `spMetadataUrl` on first use. */
export async function startSamlIdpServer(options: {
  port: number;
  spMetadataUrl: string;
  cvr: string;
  privilege: string;
}): Promise<TestSamlIdpServer> {
  const ssoUrl = `http://127.0.0.1:${options.port}/sso`;
  let idp: ReturnType<typeof createTestSamlIdp> | undefined;
  const provider = async () => (idp ??= createTestSamlIdp(await (await fetch(options.spMetadataUrl)).text(), ssoUrl));

  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        const url = new URL(req.url ?? "/", ssoUrl);
        if (req.method === "GET" && url.pathname === "/sso") {
          const request = await (await provider()).readRequest(url.toString());
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(
            page(
              "Fælleskommunalt login (test)",
              `<form method="post" action="/login"><input type="hidden" name="request" value="${escapeHtml(request.id)}"><input type="hidden" name="relay" value="${escapeHtml(request.relayState ?? "")}"><input type="hidden" name="acs" value="${escapeHtml(request.acsUrl ?? "")}"><label for="email">Arbejdsmail</label> <input id="email" name="email" type="email" required><button type="submit">Log ind hos kommunen</button></form>`,
            ),
          );
          return;
        }
        if (req.method === "POST" && url.pathname === "/login") {
          const form = await readForm(req);
          const email = form.get("email")?.trim().toLowerCase() ?? "";
          const answer = await (
            await provider()
          ).respond({
            inResponseTo: form.get("request") ?? "",
            nameId: email,
            encrypt: true,
            attributes: {
              "dk:gov:saml:attribute:CvrNumberIdentifier": options.cvr,
              "https://data.gov.dk/model/core/eid/email": email,
              "dk:gov:saml:attribute:Privileges_intermediate": privilegesAttribute([{ cvr: options.cvr, privileges: [options.privilege] }]),
            },
          });
          res.setHeader("content-type", "text/html; charset=utf-8");
          res.end(
            page(
              "Du sendes tilbage til Spor",
              `<form method="post" action="${escapeHtml(form.get("acs") ?? "")}"><input type="hidden" name="SAMLResponse" value="${escapeHtml(answer)}"><input type="hidden" name="RelayState" value="${escapeHtml(form.get("relay") ?? "")}"><button type="submit">Fortsæt til Spor</button></form>`,
            ),
          );
          return;
        }
        res.statusCode = 404;
        res.end();
      } catch (error) {
        res.statusCode = 400;
        res.end(String(error));
      }
    })();
  });
  await new Promise<void>((resolve) => server.listen(options.port, "127.0.0.1", resolve));
  return { ssoUrl, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
