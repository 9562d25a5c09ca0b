import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "@/lib/database/scratch";
import { NGINX, type RunningNginx, startNginx } from "@/scripts/bench/nginx";
import { actionId, databaseModes, PASSWORD, registration, type RunningApp, SERVER_URL, signInCookie, startApp } from "./helpers";

// Build once, run many (docs/deployment.md, "Several instances"): two instances of the production build
// on one PostgreSQL database, with the same secrets, behind Debian's nginx on loopback (round robin,
// so consecutive requests alternate between them). A journey whose requests land on both: sign-in on
// one and a server action with its cookie on the other, a registration, an upload, an export streamed
// through nginx, and an API token's rate limit that holds across both instances.

const PORTS = { a: 3221, b: 3222, nginx: 3223 };
const BASE = `http://localhost:${PORTS.nginx}`;
const SHARED = {
  BETTER_AUTH_SECRET: "two-instances-secret-two-instances-secret-01",
  SPOR_BASE_URL: BASE,
  SPOR_TRUSTED_PROXIES: "1",
};

const hasServer = (await databaseModes()).includes("server");
const hasNginx = fs.existsSync(NGINX);

let drop = async () => {};
let a: RunningApp | undefined;
let b: RunningApp | undefined;
let nginx: RunningNginx | undefined;

beforeAll(async () => {
  if (!hasServer || !hasNginx) return;
  const scratch = await createScratchDatabase(SERVER_URL, "spor_two_instances");
  drop = scratch.drop;
  // One after the other, as an upgrade does: the first migrates and seeds, the second finds it done.
  a = await startApp("server", SERVER_URL, PORTS.a, { databaseUrl: scratch.url, env: SHARED });
  b = await startApp("server", SERVER_URL, PORTS.b, { databaseUrl: scratch.url, env: SHARED });
  nginx = await startNginx([PORTS.a, PORTS.b], PORTS.nginx);
}, 240_000);

afterAll(async () => {
  await nginx?.stop();
  await Promise.all([a?.stop(), b?.stop()]);
  await drop();
});

/** A request through nginx; which instance answered is in `upstream`. */
async function call(path: string, init: RequestInit = {}) {
  const response = await fetch(`${BASE}${path}`, init);
  return { response, upstream: response.headers.get("x-spor-upstream") ?? "" };
}

describe.skipIf(!hasServer || !hasNginx)("two instances behind nginx", () => {
  let coordinator = "";
  let apiSecret = "";

  it("signs in on one instance and runs a server action with that session on the other", async () => {
    // Sign-in through nginx, then an action that creates an API token (it answers with the secret).
    const signIn = await call("/api/auth/sign-in/email", {
      method: "POST",
      headers: { "content-type": "application/json", origin: BASE },
      body: JSON.stringify({ email: "koordinator@koege.test", password: PASSWORD }),
    });
    expect(signIn.response.status).toBe(200);
    coordinator = signIn.response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    // The arguments (previous state, FormData) as React's encodeReply sends them: the FormData's
    // fields under "_1_", then the root at "0" (last: the server resolves it as soon as it arrives).
    const form = new FormData();
    form.set("_1_municipalityId", await koegeId());
    form.set("_1_name", "Fagsystem bag nginx");
    form.set("0", '["$undefined","$K1"]');
    const action = await call("/administration/api-noegler", {
      method: "POST",
      headers: { cookie: coordinator, origin: BASE, "next-action": actionId("createApiTokenAction"), accept: "text/x-component" },
      body: form,
    });
    const text = await action.response.text();
    expect(action.response.status, text.slice(0, 500)).toBe(200);
    expect(action.upstream).not.toBe(signIn.upstream);
    expect(new Set([signIn.upstream, action.upstream]).size).toBe(2);
    apiSecret = /spor_[A-Za-z0-9_-]{43}/.exec(text)?.[0] ?? "";
    expect(apiSecret, text.slice(0, 500)).not.toBe("");
  });

  it("registers, uploads and exports through nginx, each instance seeing the other's rows", async () => {
    const registrant = await signInCookie(BASE, "medarbejder@koege.test", PASSWORD);
    const unit = (
      (await (await call("/api/me", { headers: { cookie: registrant } })).response.json()) as {
        registrationUnits: { id: string; name: string }[];
      }
    ).registrationUnits.find((u) => u.name === "Borgerservice – Telefon")!;
    const tasks = (
      (await (await call(`/api/units/${unit.id}`, { headers: { cookie: registrant } })).response.json()) as { tasks: { id: string }[] }
    ).tasks;
    const upstreams = new Set<string>();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const body = registration(unit.id, tasks[0].id);
      ids.push(body.id);
      const stored = await call("/api/registrations", {
        method: "POST",
        headers: { cookie: registrant, "content-type": "application/json", origin: BASE },
        body: JSON.stringify(body),
      });
      expect(stored.response.status).toBe(201);
      upstreams.add(stored.upstream);
    }
    expect(upstreams.size).toBe(2);

    const data = new FormData();
    const csv =
      "kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n259;Borgerservice;23.05.10;SLVBTJN;OPRET;STRAKS;NEJ;2026-10-19;412\r\n";
    data.set("fil", new File([csv], "nginx.csv", { type: "text/csv" }));
    const upload = await call("/api/uploads?kommune=259&opretEnheder=1", {
      method: "POST",
      headers: { cookie: coordinator, origin: BASE },
      body: data,
    });
    const uploaded = await upload.response.json();
    expect(upload.response.status, JSON.stringify(uploaded)).toBe(200);

    // The export streams through nginx (proxy_buffering off) and holds what both instances stored.
    const exported = await call("/api/exports/registrations?kommune=259", { headers: { cookie: coordinator } });
    expect(exported.response.status).toBe(200);
    expect(exported.response.headers.get("content-disposition")).toMatch(/^attachment; filename="spor-registreringer-/);
    const text = await exported.response.text();
    for (const id of ids) expect(text).toContain(id);
    expect(text).toMatch(/;412;/);
  });

  it("holds one API token to 60 requests a minute across both instances", async () => {
    // Within one fixed window (lib/ingestion/rate-limit.ts): start early in a minute.
    const second = new Date().getSeconds();
    if (second > 40) await new Promise((r) => setTimeout(r, (61 - second) * 1000));
    const statuses: number[] = [];
    const upstreams = new Set<string>();
    for (let i = 0; i < 70; i += 5) {
      const batch = await Promise.all(
        Array.from({ length: 5 }, () =>
          call("/api/v1/registrations", {
            method: "POST",
            headers: { authorization: `Bearer ${apiSecret}`, "content-type": "text/plain" },
            body: "x",
          }),
        ),
      );
      for (const { response, upstream } of batch) {
        statuses.push(response.status);
        upstreams.add(upstream);
        await response.arrayBuffer();
      }
    }
    expect(upstreams.size).toBe(2);
    // Within the limit the body is refused as not JSON (415); beyond it, 429 from either instance.
    expect(statuses.filter((s) => s === 415)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });
});

async function koegeId(): Promise<string> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: a!.databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ id: string }>("SELECT id FROM municipality WHERE number = 259")).rows[0].id;
  } finally {
    await client.end();
  }
}
