import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as acsPost } from "@/app/api/auth/saml/acs/route";
import { GET as loginGet } from "@/app/api/auth/saml/login/route";
import { GET as metadataGet } from "@/app/api/auth/saml/metadata/route";
import { getAuth, resetAuth } from "@/lib/auth/auth";
import type { SporDatabase } from "@/lib/database/open";
import { setMunicipalityCvr } from "@/lib/municipalities/cvr";
import { samlRoleNames } from "@/lib/sso/saml-config";
import { adminTestDatabase } from "@/tests/helpers/admin";
import {
  createTestSamlIdp,
  editResponse,
  privilegesAttribute,
  type ResponseInput,
  samlTestEnv,
  type TestSamlIdp,
  withoutSignatures,
} from "@/tests/helpers/saml-idp";

// Sign-in through KOMBIT's Context Handler (SAML 2.0) end to end against a local identity provider
// (samlify, tests/helpers/saml-idp.ts) built from Spor's own metadata: Spor's login route sends a
// signed AuthnRequest, the provider verifies it and answers, and the answer goes to Spor's ACS route
// as the browser would post it. Rows (sessions, memberships, audit) are read back after each outcome.

const ORIGIN = "http://localhost:3000";
const IP = "10.8.8.8";
const KOEGE_CVR = "11111111";
const KBH_CVR = "22222222";
const NOWHERE_CVR = "33333333"; // a CVR number no municipality in Spor has
const ROLES = samlRoleNames();
const CONTEXT = { params: Promise.resolve({}) };

const CVR_ATTRIBUTE = "dk:gov:saml:attribute:CvrNumberIdentifier";
const EMAIL_ATTRIBUTE = "https://data.gov.dk/model/core/eid/email";
const PRIVILEGES_ATTRIBUTE = "dk:gov:saml:attribute:Privileges_intermediate";

let database: SporDatabase;
let prisma: SporDatabase["prisma"];
let koege: string;
let kbh: string;
let idp: TestSamlIdp;
let unitId: (number: 259 | 101, name: string) => Promise<string>;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  const env = { ...samlTestEnv(), SPOR_BASE_URL: undefined };
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetAuth();
  const admin = await adminTestDatabase();
  database = admin.database;
  prisma = admin.prisma;
  unitId = admin.unitId;
  koege = admin.municipalityId(259);
  kbh = admin.municipalityId(101);
  await setMunicipalityCvr(prisma, { userId: null }, koege, KOEGE_CVR);
  await setMunicipalityCvr(prisma, { userId: null }, kbh, KBH_CVR);
  const metadata = await metadataGet(new Request(`${ORIGIN}/api/auth/saml/metadata`), CONTEXT);
  idp = createTestSamlIdp(await metadata.text());
}, 60_000);

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  resetAuth();
  await database?.close();
});

/** Spor's login route: the redirect to the identity provider, read (and its signature checked) by the provider. */
async function startSignIn(next?: string) {
  const response = await loginGet(new Request(`${ORIGIN}/api/auth/saml/login${next ? `?next=${encodeURIComponent(next)}` : ""}`), CONTEXT);
  expect(response.status).toBe(302);
  return idp.readRequest(response.headers.get("location")!);
}

/** The browser's post of the provider's answer to Spor's ACS. */
async function postToAcs(samlResponse: string, relayState?: string | null) {
  const body = new URLSearchParams({ SAMLResponse: samlResponse, ...(relayState ? { RelayState: relayState } : {}) });
  const response = await acsPost(
    new Request(`${ORIGIN}/api/auth/saml/acs`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "https://contexthandler.test.kombit.invalid",
        "x-spor-client-ip": IP,
      },
      body,
    }),
    CONTEXT,
  );
  const cookies = response.headers.getSetCookie();
  return {
    status: response.status,
    location: response.headers.get("location") ?? "",
    cookie: cookies.map((c) => c.split(";")[0]).join("; "),
    hasSession: cookies.some((c) => /session_token=[^;]+/.test(c)),
  };
}

type Grant = { cvr: string; privileges: string[]; units?: string[] };

function attributesOf(email: string | null, cvr: string | null, groups: Grant[]): Record<string, string> {
  return {
    ...(cvr ? { [CVR_ATTRIBUTE]: cvr } : {}),
    ...(email ? { [EMAIL_ATTRIBUTE]: email } : {}),
    ...(groups.length ? { [PRIVILEGES_ATTRIBUTE]: privilegesAttribute(groups) } : {}),
  };
}

/** A whole sign-in: request, the provider's answer (changed by `tamper` if given), the post to the ACS. */
async function signIn(
  email: string | null,
  cvr: string | null,
  groups: Grant[],
  options: Partial<Omit<ResponseInput, "inResponseTo" | "attributes">> & { next?: string; tamper?: (xml: string) => string } = {},
) {
  const request = await startSignIn(options.next);
  let answer = await idp.respond({
    inResponseTo: request.id,
    nameId: email ?? "anonym",
    attributes: attributesOf(email, cvr, groups),
    ...options,
  });
  if (options.tamper) answer = editResponse(answer, options.tamper);
  return { ...(await postToAcs(answer, request.relayState)), answer, relayState: request.relayState };
}

const userIdOf = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } })).id;
const sessionsOf = async (email: string) => prisma.session.count({ where: { user: { email } } });
const membershipsOf = async (email: string) =>
  prisma.membership.findMany({
    where: { user: { email } },
    select: { role: true, municipalityId: true, unitId: true },
    orderBy: [{ role: "asc" }, { unitId: "asc" }],
  });
const lastFailure = async () =>
  (await prisma.auditEvent.findFirstOrThrow({ where: { action: "login.failure" }, orderBy: { id: "desc" } })).after as Record<
    string,
    unknown
  >;

describe("metadata and the AuthnRequest", () => {
  it("serves Spor's SP metadata at a stable address: entity id, ACS, signed assertions wanted, requests signed", async () => {
    const response = await metadataGet(new Request(`${ORIGIN}/api/auth/saml/metadata`), CONTEXT);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/samlmetadata\+xml/);
    const xml = await response.text();
    expect(xml).toContain(`entityID="${ORIGIN}/api/auth/saml/metadata"`);
    expect(xml).toContain(`Location="${ORIGIN}/api/auth/saml/acs"`);
    expect(xml).toContain('WantAssertionsSigned="true"');
    expect(xml).toContain('AuthnRequestsSigned="true"');
    expect(xml).toMatch(/KeyDescriptor use="signing"/);
    expect(xml).toMatch(/KeyDescriptor use="encryption"/);
    expect(xml).not.toMatch(/PRIVATE KEY/);
  });

  it("sends a signed AuthnRequest the provider verifies, to Spor's ACS, and remembers it once", async () => {
    const before = await prisma.samlRequest.count();
    const request = await startSignIn("/registrering");
    expect(request.acsUrl).toBe(`${ORIGIN}/api/auth/saml/acs`);
    expect(request.relayState).toBe("/registrering");
    expect(await prisma.samlRequest.count()).toBe(before + 1);
    expect(await prisma.samlRequest.findUnique({ where: { id: request.id } })).not.toBeNull();
  });
});

describe("a valid signed assertion", () => {
  it("signs a registrant in: session, the assertion's municipality, KOMBIT's role and unit restriction; audited", async () => {
    const email = "medarbejder@koege.test"; // in Spor: registrant in Skranke and Telefon
    const skranke = await unitId(259, "Borgerservice – Skranke");
    const before = await sessionsOf(email);
    const result = await signIn(
      email,
      KOEGE_CVR,
      [{ cvr: KOEGE_CVR, privileges: [ROLES.registrant], units: ["Borgerservice – Skranke"] }],
      {
        next: "/registrering",
      },
    );
    expect(result).toMatchObject({ status: 303, location: "/registrering", hasSession: true });
    expect(await sessionsOf(email)).toBe(before + 1);
    // The session works: Better Auth reads it back.
    const session = await getAuth().api.getSession({ headers: new Headers({ cookie: result.cookie }) });
    expect(session?.user.email).toBe(email);
    // KOMBIT's unit restriction now decides the person's units in Køge.
    expect(await membershipsOf(email)).toEqual([{ role: "REGISTRANT", municipalityId: koege, unitId: skranke }]);
    const access = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "user.access", entityId: await userIdOf(email) },
      orderBy: { id: "desc" },
    });
    expect(access.after).toEqual({ role: "REGISTRANT", unitIds: [skranke], source: "saml" });
    expect(access.municipalityId).toBe(koege);
    const success = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "login.success", entityId: await userIdOf(email) },
      orderBy: { id: "desc" },
    });
    expect(success.after).toEqual({ method: "saml", provider: "kombit" });
    expect(success.municipalityId).toBe(koege);
    expect(success.ip).toBe(IP);
  });

  it("maps the job-function roles: tovholder → coordinator, enhedsansvarlig without restriction keeps Spor's units", async () => {
    const coordinator = await signIn("koordinator@koege.test", KOEGE_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.coordinator] }]);
    expect(coordinator).toMatchObject({ status: 303, location: "/", hasSession: true });
    expect(await membershipsOf("koordinator@koege.test")).toEqual([{ role: "COORDINATOR", municipalityId: koege, unitId: null }]);

    const lead = await signIn("leder@koege.test", KOEGE_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.unitLead] }]);
    expect(lead).toMatchObject({ status: 303, hasSession: true });
    expect(await membershipsOf("leder@koege.test")).toEqual([
      { role: "UNIT_LEAD", municipalityId: koege, unitId: await unitId(259, "Borgerservice") },
    ]);
    // Nothing changed, so nothing to audit.
    expect(await prisma.auditEvent.count({ where: { action: "user.access", entityId: await userIdOf("leder@koege.test") } })).toBe(0);
  });

  it("the highest role granted wins; an encrypted assertion (as the Context Handler sends) is accepted", async () => {
    const email = "medarbejder@koege.test";
    const telefon = await unitId(259, "Borgerservice – Telefon");
    const result = await signIn(
      email,
      KOEGE_CVR,
      [
        { cvr: KOEGE_CVR, privileges: [ROLES.registrant], units: ["Borgerservice – Skranke"] },
        { cvr: KOEGE_CVR, privileges: [ROLES.unitLead], units: [telefon] },
      ],
      { encrypt: true },
    );
    expect(result).toMatchObject({ status: 303, hasSession: true });
    expect(Buffer.from(result.answer, "base64").toString("utf8")).toContain("EncryptedAssertion");
    expect(await membershipsOf(email)).toEqual([{ role: "UNIT_LEAD", municipalityId: koege, unitId: telefon }]);
  });

  it("only a path on this site is followed after sign-in", async () => {
    const result = await signIn("koordinator@koege.test", KOEGE_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.coordinator] }], {
      next: "//evil.example/x",
    });
    expect(result).toMatchObject({ status: 303, location: "/", hasSession: true });
  });
});

describe("refused answers: no session, nothing changed", () => {
  const email = "koordinator@koege.test";
  const grant = [{ cvr: KOEGE_CVR, privileges: [ROLES.coordinator] }];

  async function expectRefused(result: { status: number; location: string; hasSession: boolean }, reason: string, sessionsBefore: number) {
    expect(result).toMatchObject({ status: 303, location: `/login/sso-fejl?grund=${reason}`, hasSession: false });
    expect(await sessionsOf(email)).toBe(sessionsBefore);
  }

  it("an unsigned assertion is refused", async () => {
    const before = await sessionsOf(email);
    await expectRefused(await signIn(email, KOEGE_CVR, grant, { tamper: withoutSignatures }), "mislykket", before);
    expect(await lastFailure()).toMatchObject({ method: "saml", reason: "mislykket" });
  });

  it("a response signed only as a whole (the assertion unsigned) is refused: signed assertions are required", async () => {
    const before = await sessionsOf(email);
    await expectRefused(await signIn(email, KOEGE_CVR, grant, { sign: "message" }), "mislykket", before);
  });

  it("an altered assertion (the signature no longer matches) is refused", async () => {
    const before = await sessionsOf(email);
    // Someone changes whose sign-in it is, after the provider signed it.
    const result = await signIn("medarbejder@koege.test", KOEGE_CVR, grant, {
      tamper: (xml) => xml.replace(">medarbejder@koege.test<", `>${email}<`),
    });
    await expectRefused(result, "mislykket", before);
  });

  it("an assertion signed by a key Spor does not trust is refused", async () => {
    const before = await sessionsOf(email);
    await expectRefused(await signIn(email, KOEGE_CVR, grant, { untrustedKey: true }), "mislykket", before);
  });

  it("a replayed assertion (the same response, the same InResponseTo) signs in once", async () => {
    const first = await signIn(email, KOEGE_CVR, grant);
    expect(first).toMatchObject({ status: 303, hasSession: true });
    const before = await sessionsOf(email);
    await expectRefused(await postToAcs(first.answer, first.relayState), "mislykket", before);
    // …and another answer to the same, used request is refused too.
    const request = await startSignIn();
    const a = await idp.respond({ inResponseTo: request.id, nameId: email, attributes: attributesOf(email, KOEGE_CVR, grant) });
    const b = await idp.respond({ inResponseTo: request.id, nameId: email, attributes: attributesOf(email, KOEGE_CVR, grant) });
    expect((await postToAcs(a)).hasSession).toBe(true);
    const after = await sessionsOf(email);
    await expectRefused(await postToAcs(b), "mislykket", after);
  });

  it("an assertion meant for another service (its Recipient) is refused", async () => {
    const before = await sessionsOf(email);
    await expectRefused(await signIn(email, KOEGE_CVR, grant, { recipient: "https://andet.system.invalid/saml/acs" }), "mislykket", before);
    expect(await lastFailure()).toMatchObject({ error: "Recipient https://andet.system.invalid/saml/acs" });
  });

  it("an answer to a request Spor never sent (unsolicited) is refused", async () => {
    const before = await sessionsOf(email);
    const answer = await idp.respond({
      inResponseTo: "_not-a-request-of-spor",
      nameId: email,
      attributes: attributesOf(email, KOEGE_CVR, grant),
    });
    await expectRefused(await postToAcs(answer), "mislykket", before);
  });

  it("a post without a SAMLResponse lands on the Danish page", async () => {
    const response = await acsPost(
      new Request(`${ORIGIN}/api/auth/saml/acs`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "x=1",
      }),
      CONTEXT,
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/login/sso-fejl?grund=mislykket");
  });
});

describe("Spor's rules for who signs in where", () => {
  it("a user of municipality A is never mapped into B: København's coordinator through Køge's CVR is refused", async () => {
    const email = "koordinator@kbh.test";
    const memberships = await membershipsOf(email);
    const before = await sessionsOf(email);
    const result = await signIn(email, KOEGE_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.coordinator] }]);
    expect(result).toMatchObject({ status: 303, location: "/login/sso-fejl?grund=anden-kommune", hasSession: false });
    expect(await sessionsOf(email)).toBe(before);
    expect(await membershipsOf(email)).toEqual(memberships);
    expect(await lastFailure()).toMatchObject({ method: "saml", reason: "anden-kommune", email, cvr: KOEGE_CVR });
    // …and through København's CVR the same person is welcome, in København only.
    const own = await signIn(email, KBH_CVR, [{ cvr: KBH_CVR, privileges: [ROLES.coordinator] }]);
    expect(own).toMatchObject({ status: 303, location: "/", hasSession: true });
    expect(await membershipsOf(email)).toEqual([{ role: "COORDINATOR", municipalityId: kbh, unitId: null }]);
  });

  it("a role granted in another municipality (another CVR's privilege group) grants nothing here", async () => {
    const email = "medarbejder@kbh.test";
    const memberships = await membershipsOf(email);
    const result = await signIn(email, KBH_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.coordinator] }]);
    expect(result).toMatchObject({ location: "/login/sso-fejl?grund=ingen-rolle", hasSession: false });
    expect(await membershipsOf(email)).toEqual(memberships);
  });

  it("a unit restriction naming units of another municipality gives no units here", async () => {
    const email = "medarbejder@kbh.test";
    const memberships = await membershipsOf(email);
    const koegeUnit = await unitId(259, "Borgerservice – Telefon");
    const result = await signIn(email, KBH_CVR, [{ cvr: KBH_CVR, privileges: [ROLES.registrant], units: [koegeUnit, "Findes ikke"] }]);
    expect(result).toMatchObject({ location: "/login/sso-fejl?grund=ingen-enhed", hasSession: false });
    expect(await membershipsOf(email)).toEqual(memberships);
  });

  it("a CVR number no municipality in Spor has is refused", async () => {
    const result = await signIn("koordinator@koege.test", NOWHERE_CVR, [{ cvr: NOWHERE_CVR, privileges: [ROLES.coordinator] }]);
    expect(result).toMatchObject({ location: "/login/sso-fejl?grund=ukendt-kommune", hasSession: false });
  });

  it("a deactivated Spor user is refused", async () => {
    const email = "leder@koege.test";
    await prisma.user.update({ where: { email }, data: { deactivatedAt: new Date() } });
    try {
      const memberships = await membershipsOf(email);
      const before = await sessionsOf(email);
      const result = await signIn(email, KOEGE_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.coordinator] }]);
      expect(result).toMatchObject({ location: "/login/sso-fejl?grund=deaktiveret", hasSession: false });
      expect(await sessionsOf(email)).toBe(before);
      expect(await membershipsOf(email)).toEqual(memberships);
    } finally {
      await prisma.user.update({ where: { email }, data: { deactivatedAt: null } });
    }
  });

  it("an unknown person gets the Danish page, not an account", async () => {
    const users = await prisma.user.count();
    const result = await signIn("ukendt.person@koege.test", KOEGE_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.registrant] }]);
    expect(result).toMatchObject({ location: "/login/sso-fejl?grund=ukendt", hasSession: false });
    expect(await prisma.user.count()).toBe(users);
    expect(await lastFailure()).toMatchObject({ method: "saml", reason: "ukendt", email: "ukendt.person@koege.test" });
  });

  it("a national (KL) user is not signed in through a municipality", async () => {
    const national = await prisma.user.findFirstOrThrow({
      where: { memberships: { some: { role: "NATIONAL" } } },
      select: { email: true },
    });
    const result = await signIn(national.email, KOEGE_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.coordinator] }]);
    expect(result).toMatchObject({ location: "/login/sso-fejl?grund=anden-kommune", hasSession: false });
  });

  it("no e-mail in the assertion is refused", async () => {
    const result = await signIn(null, KOEGE_CVR, [{ cvr: KOEGE_CVR, privileges: [ROLES.coordinator] }]);
    expect(result).toMatchObject({ location: "/login/sso-fejl?grund=ingen-email", hasSession: false });
  });
});

describe("the municipalities' CVR numbers", () => {
  it("refuses a malformed or taken CVR number in Danish, and audits a change", async () => {
    await expect(setMunicipalityCvr(prisma, { userId: null }, kbh, "1234")).rejects.toThrow("Et CVR-nummer er otte cifre.");
    await expect(setMunicipalityCvr(prisma, { userId: null }, kbh, KOEGE_CVR)).rejects.toThrow(/allerede registreret for Køge/);
    expect((await prisma.municipality.findUniqueOrThrow({ where: { id: kbh }, select: { cvr: true } })).cvr).toBe(KBH_CVR);
    const audit = await prisma.auditEvent.findFirstOrThrow({
      where: { action: "municipality.cvr", municipalityId: kbh },
      orderBy: { id: "asc" },
    });
    expect([audit.before, audit.after]).toEqual([{ cvr: null }, { cvr: KBH_CVR }]);
  });

  it("without a CVR number the municipality cannot be signed in to through KOMBIT", async () => {
    await setMunicipalityCvr(prisma, { userId: null }, kbh, null);
    try {
      const result = await signIn("koordinator@kbh.test", KBH_CVR, [{ cvr: KBH_CVR, privileges: [ROLES.coordinator] }]);
      expect(result.location).toBe("/login/sso-fejl?grund=ukendt-kommune");
    } finally {
      await setMunicipalityCvr(prisma, { userId: null }, kbh, KBH_CVR);
    }
  });
});

describe("switched off", () => {
  it("without the SAML settings the routes answer 404 in Danish", async () => {
    const sso = process.env.SPOR_SAML_IDP_SSO_URL;
    delete process.env.SPOR_SAML_IDP_SSO_URL;
    delete process.env.SPOR_SAML_IDP_ENTITY_ID;
    delete process.env.SPOR_SAML_IDP_CERT;
    delete process.env.SPOR_SAML_SP_KEY;
    delete process.env.SPOR_SAML_SP_CERT;
    try {
      const response = await metadataGet(new Request(`${ORIGIN}/api/auth/saml/metadata`), CONTEXT);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({ error: "Login via KOMBIT er ikke sat op i denne installation af Spor." });
      expect((await loginGet(new Request(`${ORIGIN}/api/auth/saml/login`), CONTEXT)).status).toBe(404);
    } finally {
      Object.assign(process.env, samlTestEnv());
      expect(process.env.SPOR_SAML_IDP_SSO_URL).toBe(sso);
    }
  });
});
