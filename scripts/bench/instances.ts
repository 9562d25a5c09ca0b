// Several instances (issue 15, docs/deployment.md "Several instances"): two instances of the production
// build on one PostgreSQL database behind Debian's nginx, against one instance, in the same run. Rounds
// alternate one → two → one → two so that a drift in the machine's load hits both sides; the table gives
// the median of the rounds. Measured: registration throughput and a sign-in storm (password sign-ins,
// the scrypt check plus a session row). On 2 cores both instances, nginx and the load generator share
// the same two cores, so this shows the cost of the extra hop, not scale.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { openDatabase } from "@/lib/database/open";
import { createScratchDatabase } from "@/lib/database/scratch";
import { providerIdOf } from "@/lib/sso/provider-id";
import { saveSsoSettings } from "@/lib/sso/settings";
import { startOidcProvider, type TestOidcProvider } from "@/tests/helpers/oidc-provider";
import { type RunningApp, signInCookie, startApp } from "./app-server";
import { type LoadResult, runFlowLoad, runLoad } from "./load";
import { NGINX, type RunningNginx, startNginx } from "./nginx";
import { oidcSignIn } from "./oidc-flow";
import { findTarget, registrationRequest } from "./registration-load";

const PORTS = { a: 3341, b: 3342, nginx: 3343 };
const SECONDS = Number(process.env.BENCH_INSTANCES_SECONDS ?? 20);
const ROUNDS = Number(process.env.BENCH_INSTANCES_ROUNDS ?? 2);
const CLIENTS = 10;
const PASSWORD = "spor-demo-2026";
const REGISTRANT = "medarbejder@koege.test";
// Every demo user signs in in turn, so no single account's sessions dominate.
const USERS = [
  "national@spor.test",
  "koordinator@koege.test",
  "leder@koege.test",
  "medarbejder@koege.test",
  "koordinator@kbh.test",
  "medarbejder@kbh.test",
];
// Køge's people for the OIDC part: a storm is many different people, each signing in once or twice
// (the first time links their identity at the provider), not a few people many times at once.
const SSO_PEOPLE = 400;
const ssoPerson = (n: number) => `sso-${n % SSO_PEOPLE}@koege.test`;
/** The national morning peak the sizing answers for (issue 15): 20 sign-ins per second. */
const PEAK_SIGN_INS_PER_SECOND = 20;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor((xs.length - 1) / 2)];

interface Side {
  perSecond: number[];
  p95: number[];
  errors: number;
  firstError?: string;
}
const emptySide = (): Side => ({ perSecond: [], p95: [], errors: 0 });
function add(side: Side, r: LoadResult) {
  side.perSecond.push(r.perSecond);
  side.p95.push(r.p95);
  side.errors += r.errors;
  side.firstError ??= r.firstError;
}

export async function instancesSection(serverUrl: string): Promise<string> {
  if (!fs.existsSync(NGINX)) return `Not measured: ${NGINX} is missing (apt-get install nginx).\n`;
  const scratch = await createScratchDatabase(serverUrl, "spor_bench_instances");
  const balanced = `http://localhost:${PORTS.nginx}`;
  const single = `http://localhost:${PORTS.a}`;
  // The settings instances share (docs/deployment.md); the public address is nginx's, which both accept as Origin.
  // SPOR_SECRETS_KEY: the same on both instances and here, where Køge's single sign-on is saved.
  const secretsKey = crypto.randomBytes(32).toString("base64");
  const env = {
    BETTER_AUTH_SECRET: "bench-instances-secret-bench-instances-0123",
    SPOR_BASE_URL: balanced,
    SPOR_TRUSTED_PROXIES: "1",
    SPOR_SECRETS_KEY: secretsKey,
  };
  let a: RunningApp | undefined;
  let b: RunningApp | undefined;
  let nginx: RunningNginx | undefined;
  let provider: TestOidcProvider | undefined;
  try {
    a = await startApp("server", serverUrl, PORTS.a, { databaseUrl: scratch.url, env });
    b = await startApp("server", serverUrl, PORTS.b, { databaseUrl: scratch.url, env });
    nginx = await startNginx([PORTS.a, PORTS.b], PORTS.nginx);
    provider = await startOidcProvider({ redirectUris: [`${balanced}/api/auth/callback/${providerIdOf(259)}`] });
    await configureKoegeSso(scratch.url, secretsKey, provider);
    const cookie = await signInCookie(balanced, REGISTRANT, PASSWORD);
    const target = await findTarget({ baseUrl: balanced }, cookie);
    const register = (base: string) => () => registrationRequest(base, balanced, cookie, target);
    let next = 0;
    const signIn = (base: string) => () => ({
      url: `${base}/api/auth/sign-in/email`,
      init: {
        method: "POST",
        headers: { "content-type": "application/json", origin: balanced },
        body: JSON.stringify({ email: USERS[next++ % USERS.length], password: PASSWORD }),
      },
    });

    // Warm both instances (JIT, pools) through nginx, which alternates between them.
    await runLoad(4, 3, register(balanced), (s) => s === 201);
    await runLoad(4, 3, signIn(balanced));

    let nextKoege = 0;
    const oidc = () => oidcSignIn(balanced, 259, ssoPerson(nextKoege++));
    const warm = await oidc();
    if (warm) throw new Error(`OIDC sign-in failed: ${warm}`);

    const results = {
      registrations: { one: emptySide(), two: emptySide() },
      signIns: { one: emptySide(), two: emptySide() },
      oidc: emptySide(),
      passwordBalanced: emptySide(),
    };
    const loads: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      for (const [side, base] of [
        ["one", single],
        ["two", balanced],
      ] as const) {
        loads.push(os.loadavg()[0]);
        add(results.registrations[side], await runLoad(CLIENTS, SECONDS, register(base), (s) => s === 201));
        add(results.signIns[side], await runLoad(CLIENTS, SECONDS, signIn(base)));
      }
      // The OIDC path through nginx, beside the password path through nginx (same round, same clients).
      loads.push(os.loadavg()[0]);
      add(results.oidc, await runFlowLoad(CLIENTS, SECONDS, oidc));
      add(results.passwordBalanced, await runLoad(CLIENTS, SECONDS, signIn(balanced)));
    }

    const row = (what: string, side: Side, of?: Side) =>
      `| ${what} | ${fmt(median(side.perSecond), 1)} | ${fmt(median(side.p95), 1)} | ${side.errors}${side.firstError ? ` (${side.firstError.replace(/\|/g, "/").slice(0, 120)})` : ""} | ${of ? `${fmt((100 * median(side.perSecond)) / median(of.perSecond))} %` : ""} |`;
    const r = results.registrations;
    const s = results.signIns;
    const perNode = median(s.one.perSecond);
    const nodesAtHalfLoad = Math.ceil(PEAK_SIGN_INS_PER_SECOND / (perNode / 2));
    return (
      `${ROUNDS} rounds of ${SECONDS} s per side, alternating one instance (directly) and two instances behind nginx ` +
      `(round robin, the tested configuration of docs/deployment.md), ${CLIENTS} clients in a closed loop, one PostgreSQL database, ` +
      `medians of the rounds. Mean 1-minute load average at the start of each step: ${fmt(loads.reduce((x, y) => x + y, 0) / loads.length, 1)} on ${os.cpus().length} cores.\n\n` +
      `| what | per second | p95 ms | errors | two against one |\n|---|---|---|---|---|\n` +
      [
        row("registrations, one instance", r.one),
        row("registrations, two instances behind nginx", r.two, r.one),
        row("password sign-ins, one instance", s.one),
        row("password sign-ins, two instances behind nginx", s.two, s.one),
        row("single sign-on (OIDC, 5 requests: Spor, provider ×3, callback), two instances behind nginx", results.oidc),
        row("password sign-ins again, same round as the OIDC row", results.passwordBalanced),
      ].join("\n") +
      `\n\nOn this machine both instances, nginx, PostgreSQL and the load generator share the same ${os.cpus().length} cores, so "two against one" ` +
      `is the price of the extra hop and process, not scale. A sign-in is CPU-bound (the scrypt hash check, then one session row), so ` +
      `its rate grows with cores, not instances: one instance of ${os.cpus().length} cores signs in about ${fmt(perNode)} people per second. ` +
      `For a national morning peak of ${PEAK_SIGN_INS_PER_SECOND} sign-ins per second with each node kept at half its capacity, that is ` +
      `**${nodesAtHalfLoad} node${nodesAtHalfLoad === 1 ? "" : "s"} of this size** (ceil(${PEAK_SIGN_INS_PER_SECOND} ÷ (${fmt(perNode)} ÷ 2))). ` +
      `A single sign-on (${SSO_PEOPLE} different people of Køge in turn, each first one linking the identity) costs Spor no password hash: here ${fmt(median(results.oidc.perSecond), 1)} per second against ` +
      `${fmt(median(results.passwordBalanced.perSecond), 1)} password sign-ins in the same rounds, while the test provider (in the load generator's ` +
      `process) and its login form took part of the same two cores; a municipality's own provider carries that part elsewhere. ` +
      `Model for N instances on a larger machine: registrations are bound by PostgreSQL's commits (one short transaction each) once the ` +
      `instances have a core each, so throughput grows with instances until the database's cores or disk are busy; give each instance ` +
      `2 cores and \`SPOR_DB_POOL\` connections so that N × pool stays under PostgreSQL's max_connections.\n`
    );
  } finally {
    await provider?.close();
    await nginx?.stop();
    await Promise.all([a?.stop(), b?.stop()]);
    await scratch.drop();
  }
}

/** Køge's single sign-on through the local test provider, saved as KL's page saves it. */
async function configureKoegeSso(url: string, secretsKey: string, provider: TestOidcProvider): Promise<void> {
  process.env.SPOR_SECRETS_KEY = secretsKey;
  const database = openDatabase({ kind: "server", url });
  try {
    const koege = await database.prisma.municipality.findUniqueOrThrow({ where: { number: 259 }, select: { id: true } });
    const people = Array.from({ length: SSO_PEOPLE }, (_, n) => ({ id: crypto.randomUUID(), email: ssoPerson(n), name: `SSO ${n}` }));
    await database.prisma.user.createMany({ data: people.map((p) => ({ ...p, kind: "PERSON" as const, emailVerified: true })) });
    await database.prisma.membership.createMany({
      data: people.map((p) => ({ userId: p.id, role: "COORDINATOR" as const, municipalityId: koege.id })),
    });
    await saveSsoSettings(database.prisma, { userId: null }, koege.id, {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
    });
  } finally {
    await database.close();
  }
}
