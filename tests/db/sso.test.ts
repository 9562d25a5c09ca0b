import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as routeGet } from "@/app/api/auth/[...all]/route";
import { GET as startGet } from "@/app/(auth)/login/sso/route";
import { getAuth, resetAuth } from "@/lib/auth/auth";
import { guardedSignIn, SIGN_IN_MESSAGES } from "@/lib/auth/sign-in";
import { createUserWithPassword } from "@/lib/auth/users";
import type { SporDatabase } from "@/lib/database/open";
import { openSecret } from "@/lib/sso/secret-box";
import { providerIdOf } from "@/lib/sso/provider-id";
import { listSsoSettings, removeSsoSettings, saveSsoSettings } from "@/lib/sso/settings";
import { adminTestDatabase } from "@/tests/helpers/admin";
import { startOidcProvider, type TestOidcProvider } from "@/tests/helpers/oidc-provider";

// Single sign-on end to end against a real OpenID Connect provider (tests/helpers/oidc-provider.ts):
// Spor starts the flow through Better Auth (as the login page's action does), the test walks the
// provider's login form with its own cookie jar, and the provider's redirect comes back through
// Spor's route handler (app/api/auth/[...all]/route.ts). Rows are read back after every outcome.

const ORIGIN = "http://localhost:3000";
const IP = "10.7.7.7";
const GET = (request: Request) => routeGet(request, { params: Promise.resolve({}) });

let database: SporDatabase;
let prisma: SporDatabase["prisma"];
let koege: string;
let kbh: string;
let providerA: TestOidcProvider; // Køge's provider
let providerB: TestOidcProvider; // København's provider
const savedKey = process.env.SPOR_SECRETS_KEY;

beforeAll(async () => {
  process.env.SPOR_SECRETS_KEY = crypto.randomBytes(32).toString("base64");
  delete process.env.SPOR_BASE_URL;
  resetAuth();
  const admin = await adminTestDatabase();
  database = admin.database;
  prisma = admin.prisma;
  koege = admin.municipalityId(259);
  kbh = admin.municipalityId(101);
  providerA = await startOidcProvider({
    redirectUris: [`${ORIGIN}/api/auth/callback/${providerIdOf(259)}`],
    postLogoutRedirectUris: [`${ORIGIN}/login?logget-ud=1`],
  });
  providerB = await startOidcProvider({ redirectUris: [`${ORIGIN}/api/auth/callback/${providerIdOf(101)}`] });
  for (const [municipalityId, provider] of [
    [koege, providerA],
    [kbh, providerB],
  ] as const) {
    await saveSsoSettings(prisma, { userId: null }, municipalityId, {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
    });
  }
}, 60_000);

afterAll(async () => {
  if (savedKey === undefined) delete process.env.SPOR_SECRETS_KEY;
  else process.env.SPOR_SECRETS_KEY = savedKey;
  resetAuth();
  await providerA?.close();
  await providerB?.close();
  await database?.close();
});

/** A minimal cookie jar: name=value pairs from Set-Cookie headers (deletions drop the cookie). */
class Jar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((a) => /max-age=0\b/i.test(a.trim()) || /expires=thu, 01 jan 1970/i.test(a.trim()));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  has(name: RegExp): boolean {
    return [...this.cookies.keys()].some((k) => name.test(k));
  }
}

/** Starts the flow as the login page's action does; returns the provider URL and Spor's cookies. */
async function start(municipalityNumber: number) {
  const spor = new Jar();
  const response = await getAuth().api.signInSocial({
    body: { provider: providerIdOf(municipalityNumber), callbackURL: "/", errorCallbackURL: "/login/sso-fejl", disableRedirect: true },
    headers: new Headers({ origin: ORIGIN, "x-spor-client-ip": IP }),
    asResponse: true,
  });
  expect(response.status).toBe(200);
  spor.take(response);
  const { url } = (await response.json()) as { url: string };
  return { spor, url };
}

/** Walks the provider's login form as `login` and returns the redirect back to Spor. */
async function loginAtProvider(url: string, login: string, jar = new Jar()): Promise<{ callback: string; jar: Jar }> {
  let next = url;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(next, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(response);
    if (response.status === 200 && new URL(next).pathname.startsWith("/interaction/")) {
      const action = new URL(`${new URL(next).pathname}/login`, next).toString();
      const posted = await fetch(action, {
        method: "POST",
        redirect: "manual",
        headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ login }),
      });
      jar.take(posted);
      next = new URL(posted.headers.get("location")!, next).toString();
      continue;
    }
    const location = response.headers.get("location");
    if (!location) throw new Error(`provider answered ${response.status} at ${next}: ${await response.text()}`);
    const target = new URL(location, next);
    if (target.origin === ORIGIN) return { callback: target.toString(), jar };
    next = target.toString();
  }
  throw new Error("too many redirects at the provider");
}

/** Delivers the provider's redirect to Spor's route handler with Spor's cookies. */
async function callback(url: string, spor: Jar) {
  const response = await GET(new Request(url, { headers: { cookie: spor.header(), "x-spor-client-ip": IP } }));
  spor.take(response);
  return { status: response.status, location: response.headers.get("location") ?? "" };
}

async function signInThroughProvider(municipalityNumber: number, provider: TestOidcProvider, login: string) {
  const { spor, url } = await start(municipalityNumber);
  expect(url.startsWith(`${provider.issuer}/`)).toBe(true);
  const { callback: back, jar } = await loginAtProvider(url, login);
  const result = await callback(back, spor);
  return { ...result, spor, providerJar: jar, callbackUrl: back };
}

const userIdOf = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const sessionsOf = async (email: string) => prisma.session.count({ where: { user: { email } } });

describe("settings", () => {
  it("stores the client secret sealed (AES-256-GCM, bound to the municipality) and never lists it", async () => {
    const row = await prisma.ssoProvider.findUniqueOrThrow({ where: { municipalityId: koege } });
    expect(row.clientSecret).not.toContain(providerA.clientSecret);
    expect(openSecret(row.clientSecret, koege)).toBe(providerA.clientSecret);
    expect(() => openSecret(row.clientSecret, kbh)).toThrow();
    const listed = await listSsoSettings(prisma);
    expect(JSON.stringify(listed)).not.toContain(providerA.clientSecret);
    expect(JSON.stringify(listed)).not.toContain(row.clientSecret);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "sso.settings.save", municipalityId: koege } });
    expect(JSON.stringify([audit.before, audit.after])).not.toContain(providerA.clientSecret);
    expect(audit.after).toMatchObject({ issuer: providerA.issuer, clientId: providerA.clientId, secretChanged: true });
  });

  it("refuses bad settings in Danish and changes nothing", async () => {
    const before = await prisma.ssoProvider.findUniqueOrThrow({ where: { municipalityId: koege } });
    await expect(saveSsoSettings(prisma, { userId: null }, koege, { issuer: "http://idp.example.dk", clientId: "x" })).rejects.toThrow(
      /https-adresse/,
    );
    await expect(saveSsoSettings(prisma, { userId: null }, koege, { issuer: providerA.issuer, clientId: "" })).rejects.toThrow(
      "Angiv klient-id.",
    );
    const other = (await prisma.municipality.create({ data: { number: 999, name: "Testkommune" }, select: { id: true } })).id;
    await expect(saveSsoSettings(prisma, { userId: null }, other, { issuer: providerA.issuer, clientId: "x" })).rejects.toThrow(
      /klienthemmeligheden/,
    );
    expect(await prisma.ssoProvider.findUniqueOrThrow({ where: { municipalityId: koege } })).toEqual(before);
    expect(await prisma.ssoProvider.findUnique({ where: { municipalityId: other } })).toBeNull();
  });
});

describe("sign-in through the municipality's provider", () => {
  it("signs a known person of the municipality in: session, linked account, audit", async () => {
    const email = "medarbejder@koege.test";
    const before = await sessionsOf(email);
    const result = await signInThroughProvider(259, providerA, email);
    expect(result).toMatchObject({ status: 302, location: "/" });
    expect(result.spor.has(/session_token$/)).toBe(true);
    expect(await sessionsOf(email)).toBe(before + 1);
    const account = await prisma.account.findFirstOrThrow({ where: { userId: await userIdOf(email), providerId: providerIdOf(259) } });
    expect(account.accountId).toBe(email); // the provider's subject
    expect(account.idToken).toMatch(/^eyJ/); // kept for the provider's logout (id_token_hint)
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "login.success", entityId: await userIdOf(email) },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toEqual({ method: "sso", provider: providerIdOf(259) });
    expect(audit.municipalityId).toBe(koege);
    // The session works: Better Auth reads it back.
    const session = await getAuth().api.getSession({ headers: new Headers({ cookie: result.spor.header() }) });
    expect(session?.user.email).toBe(email);
  });

  it("an unknown person gets the Danish page, not an account", async () => {
    const usersBefore = await prisma.user.count();
    const result = await signInThroughProvider(259, providerA, "ukendt.person@koege.test");
    expect(result).toMatchObject({ status: 302, location: "/login/sso-fejl?grund=ukendt" });
    expect(result.spor.has(/session_token$/)).toBe(false);
    expect(await prisma.user.count()).toBe(usersBefore);
    expect(await prisma.account.count({ where: { accountId: "ukendt.person@koege.test" } })).toBe(0);
    const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: "login.failure" }, orderBy: { id: "desc" } });
    expect(audit.after).toMatchObject({ method: "sso", reason: "ukendt", email: "ukendt.person@koege.test" });
  });

  it("a deactivated Spor user is refused", async () => {
    const email = "leder@koege.test";
    await prisma.user.update({ where: { email }, data: { deactivatedAt: new Date() } });
    try {
      const before = await sessionsOf(email);
      const result = await signInThroughProvider(259, providerA, email);
      expect(result).toMatchObject({ status: 302, location: "/login/sso-fejl?grund=deaktiveret" });
      expect(await sessionsOf(email)).toBe(before);
    } finally {
      await prisma.user.update({ where: { email }, data: { deactivatedAt: null } });
    }
  });

  it("a user of municipality A is never signed in through B's provider", async () => {
    const email = "koordinator@kbh.test"; // København (101)
    const before = await sessionsOf(email);
    const result = await signInThroughProvider(259, providerA, email);
    expect(result).toMatchObject({ status: 302, location: "/login/sso-fejl?grund=anden-kommune" });
    expect(await sessionsOf(email)).toBe(before);
    expect(await prisma.account.count({ where: { userId: await userIdOf(email), providerId: providerIdOf(259) } })).toBe(0);
    // …and through København's own provider the same person is welcome.
    expect(await signInThroughProvider(101, providerB, email)).toMatchObject({ status: 302, location: "/" });
  });

  it("a national (KL) user is not signed in through a municipality's provider", async () => {
    const national = await prisma.user.findFirstOrThrow({
      where: { memberships: { some: { role: "NATIONAL" } } },
      select: { email: true },
    });
    const result = await signInThroughProvider(259, providerA, national.email);
    expect(result.location).toBe("/login/sso-fejl?grund=anden-kommune");
  });

  it("a token without an e-mail in the configured claim is refused; another claim can carry it", async () => {
    const email = "koordinator@koege.test";
    providerA.claimsFor.set(email, { email: undefined, upn: email });
    try {
      expect((await signInThroughProvider(259, providerA, email)).location).toBe("/login/sso-fejl?grund=ingen-email");
      await saveSsoSettings(prisma, { userId: null }, koege, { issuer: providerA.issuer, clientId: providerA.clientId, emailClaim: "upn" });
      expect((await signInThroughProvider(259, providerA, email)).location).toBe("/");
    } finally {
      providerA.claimsFor.delete(email);
      await saveSsoSettings(prisma, { userId: null }, koege, {
        issuer: providerA.issuer,
        clientId: providerA.clientId,
        emailClaim: "email",
      });
    }
  });
});

describe("a plain link starts the sign-in (GET /login/sso, no JavaScript needed)", () => {
  const startLink = (query: string) =>
    startGet(new Request(`${ORIGIN}/login/sso?${query}`, { headers: { origin: ORIGIN, "x-spor-client-ip": IP } }), {
      params: Promise.resolve({}),
    });

  it("redirects to the municipality's provider with the state cookie, and the flow ends signed in at the link's page", async () => {
    const response = await startLink("kommune=259&next=%2Fregistrering");
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location.startsWith(`${providerA.issuer}/`)).toBe(true);
    expect(new URL(location).searchParams.get("client_id")).toBe(providerA.clientId);
    const spor = new Jar();
    spor.take(response);
    expect(spor.header()).not.toBe("");
    const before = await sessionsOf("medarbejder@koege.test");
    const { callback: back } = await loginAtProvider(location, "medarbejder@koege.test");
    const result = await callback(back, spor);
    expect(result.status).toBe(302);
    expect(new URL(result.location, ORIGIN).pathname).toBe("/registrering");
    expect(await sessionsOf("medarbejder@koege.test")).toBe(before + 1);
  });

  it("a municipality without single sign-on, or a foreign next address, never leaves Spor or goes elsewhere", async () => {
    const unknown = await startLink("kommune=851");
    expect(unknown.status).toBe(302);
    expect(unknown.headers.get("location")).toBe("/login/sso-fejl?grund=utilgaengelig");
    const foreign = await startLink("kommune=259&next=https%3A%2F%2Fevil.example%2F");
    const { callback: back } = await loginAtProvider(foreign.headers.get("location")!, "medarbejder@koege.test");
    const spor = new Jar();
    spor.take(foreign);
    const result = await callback(back, spor);
    expect(new URL(result.location, ORIGIN).origin).toBe(ORIGIN);
    expect(new URL(result.location, ORIGIN).pathname).toBe("/");
  });

  it("refuses a malformed municipality number with a Danish message", async () => {
    const response = await startLink("kommune=abc");
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain("kommunens nummer");
  });
});

describe("the same person signing in twice at once (two tabs, a double click)", () => {
  it("links the provider's identity once, and the person can sign in afterwards", async () => {
    const email = "to.faner@koege.test";
    const person = await createUserWithPassword(prisma, { email, name: "To Faner", password: "korrekt-hest-batteri-faner" });
    await prisma.membership.create({ data: { userId: person.id, role: "COORDINATOR", municipalityId: koege } });
    const outcomes = await Promise.all([1, 2, 3].map(() => signInThroughProvider(259, providerA, email)));
    expect(outcomes.filter((o) => !o.location.includes("sso-fejl")).length).toBeGreaterThanOrEqual(1);
    expect(await prisma.account.count({ where: { userId: person.id, providerId: providerIdOf(259) } })).toBe(1);
    const later = await signInThroughProvider(259, providerA, email);
    expect(later.location).not.toContain("sso-fejl");
  });

  it("the database refuses a second row for one identity at a provider", async () => {
    const { id } = await prisma.account.findFirstOrThrow({ where: { providerId: providerIdOf(259) }, select: { id: true } });
    const existing = await prisma.account.findUniqueOrThrow({ where: { id } });
    await expect(
      prisma.account.create({
        data: { id: crypto.randomUUID(), accountId: existing.accountId, providerId: existing.providerId, userId: existing.userId },
      }),
    ).rejects.toThrow();
  });
});

describe("tampering", () => {
  it("a tampered state is refused: no session", async () => {
    const email = "medarbejder@koege.test";
    const { spor, url } = await start(259);
    const { callback: back } = await loginAtProvider(url, email);
    const before = await sessionsOf(email);
    const tampered = new URL(back);
    tampered.searchParams.set("state", `${tampered.searchParams.get("state")}x`);
    const result = await callback(tampered.toString(), spor);
    expect(result.status).toBe(302);
    expect(result.location).toMatch(/^\/login\/sso-fejl\?error=/);
    expect(await sessionsOf(email)).toBe(before);
  });

  it("a callback without the browser's state cookie (another browser) is refused", async () => {
    const email = "medarbejder@koege.test";
    const { url } = await start(259);
    const { callback: back } = await loginAtProvider(url, email);
    const before = await sessionsOf(email);
    const result = await callback(back, new Jar());
    expect(result.location).toMatch(/^\/login\/sso-fejl\?error=/);
    expect(await sessionsOf(email)).toBe(before);
  });

  it("a replayed callback (the same code and state twice) signs in at most once", async () => {
    const email = "medarbejder@koege.test";
    const { spor, url } = await start(259);
    const { callback: back } = await loginAtProvider(url, email);
    const cookies = spor.header();
    const first = await callback(back, spor);
    expect(first.location).toBe("/");
    const before = await sessionsOf(email);
    const again = new Jar();
    const replay = await GET(new Request(back, { headers: { cookie: cookies, "x-spor-client-ip": IP } }));
    again.take(replay);
    expect(replay.headers.get("location")).toMatch(/^\/login\/sso-fejl\?error=/);
    expect(await sessionsOf(email)).toBe(before);
  });

  it("only municipalities' providers: any other provider id is refused, and the route hides Better Auth's other callbacks", async () => {
    await expect(
      getAuth().api.signInSocial({ body: { provider: "github", callbackURL: "/" }, headers: new Headers({ origin: ORIGIN }) }),
    ).rejects.toMatchObject({ statusCode: 403 });
    const response = await GET(new Request(`${ORIGIN}/api/auth/callback/github?code=x&state=y`));
    expect(response.status).toBe(404);
  });
});

describe("sign-out and password switch", () => {
  it("sign-out ends the Spor session and returns the provider's logout address (RP-initiated logout)", async () => {
    const email = "medarbejder@kbh.test";
    const { spor, location } = await signInThroughProvider(101, providerB, email);
    expect(location).toBe("/");
    const before = await sessionsOf(email);
    const result = (await getAuth().api.signOut({
      headers: new Headers({ cookie: spor.header(), origin: ORIGIN, "x-spor-client-ip": IP }),
    })) as { success: boolean; url?: string };
    expect(result.success).toBe(true);
    expect(await sessionsOf(email)).toBe(before - 1);
    expect(result.url?.startsWith(`${providerB.issuer}/session/end`)).toBe(true);
    expect(new URL(result.url!).searchParams.get("id_token_hint")).toMatch(/^eyJ/);
  });

  it("password sign-in can be switched off per municipality; others keep their passwords", async () => {
    const password = "korrekt-hest-batteri-sso";
    const koegeUser = await createUserWithPassword(prisma, { email: "adgangskode@koege.test", name: "Adgangskode", password });
    await prisma.membership.create({ data: { userId: koegeUser.id, role: "COORDINATOR", municipalityId: koege } });
    const kbhUser = await createUserWithPassword(prisma, { email: "adgangskode@kbh.test", name: "Adgangskode", password });
    await prisma.membership.create({ data: { userId: kbhUser.id, role: "COORDINATOR", municipalityId: kbh } });
    const signIn = (email: string) =>
      guardedSignIn(prisma, { email, ip: IP }, () =>
        getAuth().api.signInEmail({
          body: { email, password },
          headers: new Headers({ origin: ORIGIN, "x-spor-client-ip": IP }),
          asResponse: true,
        }),
      );

    expect((await signIn("adgangskode@koege.test")).outcome).toBe("success");
    await saveSsoSettings(prisma, { userId: null }, koege, {
      issuer: providerA.issuer,
      clientId: providerA.clientId,
      passwordDisabled: true,
    });
    try {
      const before = await sessionsOf("adgangskode@koege.test");
      const refused = await signIn("adgangskode@koege.test");
      expect(refused.outcome).toBe("sso-only");
      expect(SIGN_IN_MESSAGES["sso-only"]).toMatch(/Log ind med din kommune/);
      expect(await sessionsOf("adgangskode@koege.test")).toBe(before);
      expect((await signIn("adgangskode@kbh.test")).outcome).toBe("success");
    } finally {
      await saveSsoSettings(prisma, { userId: null }, koege, {
        issuer: providerA.issuer,
        clientId: providerA.clientId,
        passwordDisabled: false,
      });
    }
  });

  it("removing a municipality's settings closes its single sign-on; audited", async () => {
    await removeSsoSettings(prisma, { userId: null }, kbh);
    await expect(start(101)).rejects.toMatchObject({ statusCode: 404 });
    expect(await prisma.auditEvent.count({ where: { action: "sso.settings.remove", municipalityId: kbh } })).toBe(1);
  });
});

describe("people created from their groups, where the municipality enables it", () => {
  const mapping = (skranke: string) => `Spor-Tovholdere = tovholder\nSpor-Telefon = medarbejder : ${skranke}`;
  const unitOf = async (municipalityId: string) =>
    (await prisma.unit.findFirstOrThrow({ where: { municipalityId, archivedAt: null }, orderBy: { name: "asc" }, select: { id: true } }))
      .id;
  const withGroups = (groups: string[] | undefined) => (groups ? { groups, name: "Ny Kollega" } : {});

  it("saves the mapping with KL's settings (audited), refusing another municipality's unit and half a setting, changing nothing", async () => {
    const own = await unitOf(koege);
    const foreign = await unitOf(kbh);
    const base = { issuer: providerA.issuer, clientId: providerA.clientId };
    await expect(
      saveSsoSettings(prisma, { userId: null }, koege, { ...base, groupsClaim: "groups", groupRoles: mapping(foreign) }),
    ).rejects.toThrow("En enhed i grupperne findes ikke i kommunen (eller er arkiveret).");
    await expect(saveSsoSettings(prisma, { userId: null }, koege, { ...base, groupsClaim: "groups" })).rejects.toThrow(
      "Angiv både gruppe-claimet og mindst én gruppe, eller ingen af dem.",
    );
    await expect(
      saveSsoSettings(prisma, { userId: null }, koege, { ...base, groupsClaim: "groups", groupRoles: "Spor = chef" }),
    ).rejects.toThrow('Linje 1 i grupperne: ukendt rolle "chef"');
    expect((await prisma.ssoProvider.findUniqueOrThrow({ where: { municipalityId: koege } })).groupsClaim).toBeNull();

    const saved = await saveSsoSettings(prisma, { userId: null }, koege, { ...base, groupsClaim: "groups", groupRoles: mapping(own) });
    expect(saved.groupRoles).toEqual([
      { group: "Spor-Tovholdere", role: "COORDINATOR", unitId: null },
      { group: "Spor-Telefon", role: "REGISTRANT", unitId: own },
    ]);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "sso.settings.save", municipalityId: koege },
      orderBy: { id: "desc" },
    });
    expect(audit.after).toMatchObject({ groupsClaim: "groups", groupRoles: saved.groupRoles });
  });

  it("an unknown person with a mapped group is created in the provider's municipality with that role, and signed in", async () => {
    const own = await unitOf(koege);
    providerA.claimsFor.set("ny.kollega@koege.test", withGroups(["Alle-ansatte", "Spor-Telefon"]));
    const result = await signInThroughProvider(259, providerA, "ny.kollega@koege.test");
    expect(result.status).toBe(302);
    expect(result.location).not.toContain("sso-fejl");
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: "ny.kollega@koege.test" },
      select: { id: true, name: true, kind: true, memberships: { select: { role: true, municipalityId: true, unitId: true } } },
    });
    expect(user).toMatchObject({
      name: "Ny Kollega",
      kind: "PERSON",
      memberships: [{ role: "REGISTRANT", municipalityId: koege, unitId: own }],
    });
    expect(await sessionsOf("ny.kollega@koege.test")).toBe(1);
    const created = await prisma.auditEvent.findFirstOrThrow({ where: { action: "user.create", entityId: user.id } });
    expect(created.after).toMatchObject({ email: "ny.kollega@koege.test", roles: ["REGISTRANT"], by: "sso-grupper" });

    // The second sign-in finds the person; nothing is created again.
    const again = await signInThroughProvider(259, providerA, "ny.kollega@koege.test");
    expect(again.location).not.toContain("sso-fejl");
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { action: "user.create", entityId: user.id } })).toBe(1);
  });

  it("without a mapped group, or through a municipality without a mapping, nobody is created", async () => {
    const users = await prisma.user.count();
    providerA.claimsFor.set("ingen.gruppe@koege.test", withGroups(["Alle-ansatte"]));
    expect((await signInThroughProvider(259, providerA, "ingen.gruppe@koege.test")).location).toContain("/login/sso-fejl?grund=ukendt");
    providerA.claimsFor.set("forkert.sted@koege.test", withGroups(undefined));
    expect((await signInThroughProvider(259, providerA, "forkert.sted@koege.test")).location).toContain("/login/sso-fejl?grund=ukendt");
    expect(await prisma.user.count()).toBe(users);
  });

  it("switched off again (an empty claim), unknown people are refused as before", async () => {
    await saveSsoSettings(prisma, { userId: null }, koege, { issuer: providerA.issuer, clientId: providerA.clientId });
    providerA.claimsFor.set("senere@koege.test", withGroups(["Spor-Tovholdere"]));
    expect((await signInThroughProvider(259, providerA, "senere@koege.test")).location).toContain("/login/sso-fejl?grund=ukendt");
    expect(await prisma.user.findUnique({ where: { email: "senere@koege.test" } })).toBeNull();
  });
});
