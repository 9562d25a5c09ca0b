import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserFacingError } from "@/lib/errors";
import { chromiumPath, printPageToPdf } from "@/lib/reports/pdf";

// The server PDF of Afrapportering (lib/reports/pdf.ts): Chromium opens a page as the user whose
// cookie it is given and prints it; a page that does not answer 200 gives no PDF. Against a small
// local server that answers only with the right cookie.

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
let server: http.Server;
let origin: string;

beforeAll(async () => {
  server = http.createServer((request, response) => {
    if (request.headers.cookie?.split("; ").includes("session=abc")) {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
      response.end(
        '<!doctype html><html lang="da"><title>t</title><style>@page { size: A4 } .next { break-before: page }</style><p>Side et</p><p class="next">Side to</p></html>',
      );
    } else {
      response.writeHead(404, { "Content-Type": "text/plain" });
      response.end("nope");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the management report's server PDF", () => {
  it("is off unless SPOR_CHROMIUM_PATH names Chromium", () => {
    expect(chromiumPath({})).toBeNull();
    expect(chromiumPath({ SPOR_CHROMIUM_PATH: " " })).toBeNull();
    expect(chromiumPath({ SPOR_CHROMIUM_PATH: "/usr/bin/chromium" })).toBe("/usr/bin/chromium");
  });

  it.skipIf(!fs.existsSync(CHROMIUM))(
    "prints the page as the user whose cookie it carries, with the page's page breaks",
    async () => {
      const pdf = Buffer.from(await printPageToPdf(CHROMIUM, `${origin}/rapport`, "other=1; session=abc")).toString("latin1");
      expect(pdf.startsWith("%PDF-")).toBe(true);
      expect(pdf.match(/\/Type\s*\/Page[^s]/g)).toHaveLength(2);
    },
    30_000,
  );

  it.skipIf(!fs.existsSync(CHROMIUM))(
    "gives no PDF of a page that is not found (no cookie: the page answers 404)",
    async () => {
      const error = await printPageToPdf(CHROMIUM, `${origin}/rapport`, null).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).status).toBe(404);
    },
    30_000,
  );
});
