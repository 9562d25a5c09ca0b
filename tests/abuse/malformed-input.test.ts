import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, type RunningApp, SERVER_URL, signInCookie, startApp } from "./helpers";

// Every page and every GET route of the production build, called by signed-in users with hostile
// values in every path segment and every query parameter Spor reads. A careless or curious user may
// type anything into the address bar; the answer may be 200, a redirect, 400 or 404, never 500.
// Pages and routes are found from the app directory, so a new page is covered without a new line here.

const APP_DIR = path.resolve("app");

function files(dir: string, name: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full, name) : entry.name === name ? [full] : [];
  });
}

/** "app/(app)/rapporter/[rapport]/page.tsx" → "/rapporter/VALUE" (route groups dropped). */
function urlFor(file: string, value: string, real: Record<string, string> = {}): string {
  const segments = path
    .relative(APP_DIR, path.dirname(file))
    .split(path.sep)
    .filter((s) => s && !/^\(.*\)$/.test(s))
    .map((s) => {
      const dynamic = /^\[(?:\.\.\.)?(.*)\]$/.exec(s);
      return dynamic ? encodeURIComponent(real[dynamic[1]] ?? (value || "00000000-0000-0000-0000-000000000000")) : s;
    });
  return `/${segments.join("/")}`;
}

const GET_ROUTES = files(path.join(APP_DIR, "api"), "route.ts").filter((f) =>
  /export const GET\b|export (async )?function GET\b/.test(fs.readFileSync(f, "utf8")),
);
const PAGES = files(APP_DIR, "page.tsx");

// Every query parameter name a page or route reads (filters, paging, exports, reports).
const PARAMS = [
  "kommune",
  "runde",
  "sammenlign",
  "fra",
  "til",
  "uge",
  "enhed",
  "opgave",
  "pakke",
  "behov",
  "kanal",
  "kilde",
  "udenfor",
  "efter",
  "side",
  "format",
  "type",
  "bruger",
  "aktiveret",
  "gemt",
  "fejl",
  "opret",
  "next",
  "tabel",
];

// Put into every path segment of every page and route, and (all at once) into every parameter.
const HOSTILE = ["2147483648", "2026-W99", "not-a-uuid", "a".repeat(3000)];
// Put into one parameter at a time (so another parameter's 400 cannot hide it) where the target reads it.
const ONE_AT_A_TIME = ["2147483648", "2026-02-30"];

/** The target's source and the lib files it imports, transitively: where its parameters are read. */
const sources = new Map<string, string>();
function sourceOf(file: string, seen = new Set<string>()): string {
  if (sources.has(file)) return sources.get(file)!;
  if (seen.has(file)) return "";
  seen.add(file);
  const own = fs.readFileSync(file, "utf8");
  const imported = [...own.matchAll(/from "(?:@\/(lib\/[^"]+)|(\.{1,2}\/[^"]+))"/g)].flatMap(([, lib, relative]) => {
    const base = lib ? path.resolve(lib) : path.resolve(path.dirname(file), relative);
    if ((!base.startsWith(path.resolve("lib")) && !base.startsWith(APP_DIR)) || base.includes("/lib/generated/")) return [];
    const found = [".ts", ".tsx", "/index.ts"].map((ext) => base + ext).find((f) => fs.existsSync(f));
    return found ? [sourceOf(found, seen)] : [];
  });
  const text = [own, ...imported].join("\n");
  if (seen.size === 1) sources.set(file, text);
  return text;
}
const readsParam = (file: string, name: string) => new RegExp(`["'.]${name}\\b`).test(sourceOf(file));

/** A real value for a dynamic segment when probing parameters (a report's parameters need a real report). */
const REAL_SEGMENT: Record<string, string> = { rapport: "kanaler", report: "kanaler" };

let app: RunningApp;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  if (process.env.PROBE_COUNT_ONLY) return;
  app = await startApp("server", SERVER_URL, 3340);
  for (const email of ["national@spor.test", "koordinator@koege.test", "leder@koege.test", "medarbejder@koege.test"]) {
    cookies[email] = await signInCookie(app.baseUrl, email, PASSWORD);
  }
}, 180_000);
afterAll(async () => app?.stop());

async function probe(url: string, cookie: string, attempt = 1): Promise<string | null> {
  try {
    const response = await fetch(`${app.baseUrl}${url}`, { headers: { cookie }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    // 503 with Retry-After is the export cap's designed answer while the probe's exports fill it
    // (SPOR_EXPORT_CONCURRENCY), not a failure; every other 5xx is.
    const full = response.status === 503 && response.headers.has("retry-after");
    return response.status >= 500 && !full ? `${response.status} ${url.slice(0, 200)}` : null;
  } catch (error) {
    // A kept-alive connection the server closed as idle just as the client reused it is the
    // client's race, not an answer: ask again, each failure discards one stale socket.
    // Several such idle sockets may wait in the pool (the sign-ins before the probes), so a few tries.
    if (attempt < 5) return probe(url, cookie, attempt + 1);
    return `no answer (${(error as Error).cause ?? error}) ${url.slice(0, 200)}\n${app.output().slice(-2000)}`;
  }
}

/** Runs the probes a few at a time (a busy 2-core CI machine). */
async function probeAll(urls: string[], cookie: string): Promise<string[]> {
  const failures: string[] = [];
  const queue = [...urls];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let url = queue.shift(); url; url = queue.shift()) {
        const failure = await probe(url, cookie);
        if (failure) failures.push(failure);
      }
    }),
  );
  return failures;
}

/** The probes for one user: hostile path segments, all parameters at once, and (thorough) one at a time. */
function urls(targets: string[], thorough: boolean): string[] {
  const segmentAndAll = targets.flatMap((file) =>
    HOSTILE.flatMap((value) => [
      ...(file.includes("[") ? [urlFor(file, value)] : []),
      `${urlFor(file, value)}?${new URLSearchParams(PARAMS.map((name) => [name, value]))}`,
    ]),
  );
  if (!thorough) return segmentAndAll;
  const oneAtATime = targets.flatMap((file) =>
    PARAMS.filter((name) => readsParam(file, name)).flatMap((name) =>
      ONE_AT_A_TIME.map((value) => `${urlFor(file, "", REAL_SEGMENT)}?${new URLSearchParams([[name, value]])}`),
    ),
  );
  return [...segmentAndAll, ...oneAtATime];
}

describe("hostile addresses", () => {
  it("finds the pages and routes it probes", () => {
    expect(PAGES.length).toBeGreaterThan(20);
    expect(GET_ROUTES.map((f) => urlFor(f, "X"))).toContain("/api/reports/X");
    const reportPage = PAGES.find((f) => f.includes("[rapport]"))!;
    expect(PARAMS.filter((name) => readsParam(reportPage, name))).toEqual(expect.arrayContaining(["kommune", "fra", "uge", "enhed"]));
    console.log("probes", urls([...PAGES, ...GET_ROUTES], true).length, urls([...PAGES, ...GET_ROUTES], false).length);
  });

  // National staff and coordinators reach every page, so they get every parameter one at a time too.
  for (const [email, thorough] of [
    ["national@spor.test", true],
    ["koordinator@koege.test", true],
    ["leder@koege.test", false],
    ["medarbejder@koege.test", false],
  ] as const) {
    it(`never answers 500 to ${email}`, { timeout: 600_000 }, async () => {
      const failures = await probeAll(urls([...PAGES, ...GET_ROUTES], thorough), cookies[email]);
      expect(failures).toEqual([]);
    });
  }
});
