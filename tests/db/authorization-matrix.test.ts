import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type EndpointInfo, registeredEndpoints, wrappedInfo } from "@/lib/actions/registry";
import type { AdminContext } from "@/lib/actions/context";
import { createNationalQuestion, createQuestion } from "@/lib/questions/questions";
import { saveUnitLogin } from "@/lib/units/unit-login";
import { addUnitTasks } from "@/lib/units/setup";
import { archiveUnit, createUnit } from "@/lib/units/tree";
import { deactivateUser, inviteUser } from "@/lib/users/users";
import { addLocalPeriod, setRoundWeeks } from "@/lib/counting/weeks";
import { resetAuth } from "@/lib/auth/auth";
import { signInCookie } from "@/tests/helpers/sign-in";
import { loadAccess } from "@/lib/auth/load-access";
import { createUserWithPassword } from "@/lib/auth/users";
import { createMassRegistration } from "@/lib/exchange/mass-registration";
import { createPaperSheet } from "@/lib/exchange/paper-sheet-registration";
import { createApiToken } from "@/lib/ingestion/tokens";
import { commitVendorImport, planVendorImport } from "@/lib/self-service/vendor-import";
import { addPackageTasks, createPackage } from "@/lib/tasks/packages";
import { createRound, roundSchema } from "@/lib/counting/rounds";
import { addQuestion } from "@/lib/questionnaire/define";
import { createFavourite } from "@/lib/registrations/favourites";
import { createRegistration } from "@/lib/registrations/mutations";
import { registrationInputSchema } from "@/lib/registrations/schema";
import { DEMO_PASSWORD } from "@/lib/seed/demo";
import { addRegistration, adminTestDatabase, taskId } from "@/tests/helpers/admin";

// The authorization matrix. Every "use server" module and every app/api/**/route.ts is found on disk
// when the test runs and imported; each export must be wrapped (lib/actions/action.ts, route.ts), and
// each endpoint the wrappers register must have a row in MATRIX below. Then every endpoint is called
// as every role — a registrant, a unit lead, a coordinator (all of Køge), national staff, a
// deactivated user whose session row is still there, no session at all, and (routes) Køge's API
// token — against Køge's resource ("own"), København's ("other"), or one of no municipality
// ("none"), and must succeed exactly where its row says. A refusal changes no row of any table,
// except exactly one new audit_event "access.denied" for a refused signed-in caller.
//
// Server actions run outside a request: next/headers is replaced by real Headers carrying the
// caller's Better Auth session cookie, and next/cache's revalidatePath by a no-op. Everything else
// (Better Auth sessions, the wrappers, the domain, the database) is real.

const request = vi.hoisted(() => ({
  headers: new Headers(),
  cookiesSet: [] as { name: string; value: string; options: Record<string, unknown> }[],
}));

vi.mock("@/lib/reports/pdf", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/reports/pdf")>()),
  printPageToPdf: async () => new TextEncoder().encode("%PDF-1.7 stub"),
}));

vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: (name: string) => {
      const value = request.headers
        .get("cookie")
        ?.split(";")
        .map((p) => p.trim().split("="))
        .find(([k]) => k === name)?.[1];
      return value === undefined ? undefined : { name, value };
    },
    set: (name: string, value: string, options: Record<string, unknown> = {}) => {
      request.cookiesSet.push({ name, value, options });
    },
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

const ROOT = path.resolve(import.meta.dirname, "../..");
const TEST_IP = "203.0.113.7";
const ORIGIN = "http://localhost:3000";

type Caller = "registrant" | "lead" | "coordinator" | "national" | "deactivated" | "anonymous" | "apiToken";
type Target = "own" | "other" | "none";

const SIGNED_IN: Caller[] = ["registrant", "lead", "coordinator", "national"];
const ACTION_CALLERS: Caller[] = [...SIGNED_IN, "deactivated", "anonymous"];
/** Routes are also called with Køge's API token (and no cookie): it opens only the ingestion API. */
const ROUTE_CALLERS: Caller[] = [...ACTION_CALLERS, "apiToken"];
const EVERYONE = ROUTE_CALLERS;

/** How to call an endpoint once: a server action's arguments, or a route's URL, params and JSON body. */
type Invocation =
  { args: unknown[] } | { url: string; params?: Record<string, string>; body?: unknown; multipart?: Record<string, string | File> };

interface Row {
  /** Who succeeds, per target; every other caller of the same target is refused. */
  allowed: Partial<Record<Target, Caller[]>>;
  /** One call against a fresh resource of the target (an allowed call may consume it). */
  call?: (target: Target) => Promise<Invocation>;
  /** Other engineers' endpoints, not yet on the wrappers: the row documents today's rule and is not exercised. */
  pending?: string;
  /**
   * Public endpoints with no role to check (sign-in, sign-out, activation, Better Auth's HTTP door):
   * their every outcome is tested where it lives (the file named here), so the matrix only requires
   * that they are wrapped and registered.
   */
  testedIn?: string;
}

// ---------------------------------------------------------------------------------------------
// Fixture: the demo data (Køge 259, København 101), real Better Auth sessions for each caller.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const cookies = new Map<Caller, string>();
const userIds = new Map<Caller, string>();
let apiTokenSecret = "";
const ctxOf = new Map<string, AdminContext>();
const f = {
  municipality: (target: Target) => t.municipalityId(target === "other" ? 101 : 259),
  number: (target: Target) => (target === "other" ? "101" : "259"),
  units: new Map<string, string>(),
  unit: (target: Target, name: string) => f.units.get(`${target === "other" ? 101 : 259}:${name}`)!,
  flytning: "",
  pas: "",
  packageId: "",
  currentRound: { id: "", weeks: [] as string[] },
};
let serial = 0;
const next = () => ++serial;

const SKRANKE = "Borgerservice – Skranke";

function coordinatorCtx(target: Target): AdminContext {
  return ctxOf.get(target === "other" ? "koordinator@kbh.test" : "koordinator@koege.test")!;
}
const nationalCtx = () => ctxOf.get("national@spor.test")!;

const signIn = (email: string, password: string) => signInCookie(t.database.prisma, email, password, { origin: ORIGIN });

beforeAll(async () => {
  t = await adminTestDatabase();
  resetAuth();
  for (const email of ["koordinator@koege.test", "koordinator@kbh.test", "national@spor.test"]) {
    const id = t.userId(email);
    ctxOf.set(email, { prisma: t.prisma, actorId: id, access: await loadAccess(t.prisma, id) });
  }
  const demo: [Caller, string][] = [
    ["registrant", "medarbejder@koege.test"],
    ["lead", "leder@koege.test"],
    ["coordinator", "koordinator@koege.test"],
    ["national", "national@spor.test"],
  ];
  for (const [caller, email] of demo) {
    cookies.set(caller, await signIn(email, DEMO_PASSWORD));
    userIds.set(caller, t.userId(email));
  }
  // A Køge coordinator, signed in, then deactivated with the session row left in place.
  const { id: deactivated } = await createUserWithPassword(t.prisma, {
    email: "deaktiveret@koege.test",
    name: "Deaktiveret Tovholder",
    password: DEMO_PASSWORD,
  });
  await t.prisma.membership.create({ data: { userId: deactivated, role: "COORDINATOR", municipalityId: t.municipalityId(259) } });
  cookies.set("deactivated", await signIn("deaktiveret@koege.test", DEMO_PASSWORD));
  await t.prisma.user.update({ where: { id: deactivated }, data: { deactivatedAt: new Date() } });
  userIds.set("deactivated", deactivated);

  for (const unit of await t.prisma.unit.findMany({ select: { id: true, name: true, municipality: { select: { number: true } } } })) {
    f.units.set(`${unit.municipality.number}:${unit.name}`, unit.id);
  }
  f.flytning = await taskId(t.prisma, "23.05.10");
  f.pas = await taskId(t.prisma, "23.09.02");
  f.packageId = (await t.prisma.taskPackage.findFirstOrThrow({ select: { id: true } })).id;
  const round = await t.prisma.countingRound.findFirstOrThrow({ where: { startsOn: { lte: new Date() } }, orderBy: { startsOn: "desc" } });
  f.currentRound = { id: round.id, weeks: [`${round.isoYear}-${round.firstWeek}`] };
  // Both municipalities counted in an earlier round, so "start from the last round" has a setup to start from.
  const autumn2013 = await t.prisma.countingRound.findUniqueOrThrow({ where: { code: "autumn-2013" } });
  for (const target of ["own", "other"] as const) {
    await setRoundWeeks(coordinatorCtx(target), { municipalityId: f.municipality(target), roundId: autumn2013.id, weeks: ["2013-43"] });
  }
  apiTokenSecret = (await createApiToken(coordinatorCtx("own"), { municipalityId: f.municipality("own"), name: "Matrix", unitIds: [] }))
    .secret;
  await importEndpoints();
  // Loads every action and route module of the app (importEndpoints) and signs in six times: 120 s
  // (the db project's hookTimeout) was exceeded twice at load 20–40 on 2 cores (2026-12-06).
}, 360_000);
afterAll(async () => {
  resetAuth();
  await t?.database.close();
});

// ---------------------------------------------------------------------------------------------
// Builders for calls and fresh resources.

function form(fields: Record<string, string | string[]>): Invocation {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) data.append(key, v);
  return { args: [{}, data] };
}

async function freshUnit(target: Target): Promise<string> {
  return (
    await createUnit(coordinatorCtx(target), {
      municipalityId: f.municipality(target),
      name: `Matrixenhed ${next()}`,
      parentId: null,
      kind: "OTHER",
    })
  ).id;
}

async function freshUser(target: Target): Promise<string> {
  const link = await inviteUser(coordinatorCtx(target), {
    municipalityId: f.municipality(target),
    name: `Bruger ${next()}`,
    email: `bruger-${serial}-${target}@matrix.test`,
    role: "REGISTRANT",
    unitIds: [f.unit(target, SKRANKE)],
  });
  return link.userId;
}

const massFields = (target: Target) => ({
  unitId: f.unit(target, SKRANKE),
  direction: "IN",
  channelCode: "PRSNLG",
  taskId: f.flytning,
  contactTypeCode: "INFO",
  closureCode: "STRAKS",
  form: "nej",
  when: "date",
  date: new Date().toISOString().slice(0, 10),
  isoYear: "",
  isoWeek: "",
  quantity: "3",
});

async function freshMassBatch(target: Target): Promise<string> {
  const coordinator = coordinatorCtx(target);
  return (await createMassRegistration(t.prisma, { id: coordinator.actorId, access: coordinator.access }, massFields(target))).id;
}

const paperFields = (target: Target) => ({
  unitId: f.unit(target, SKRANKE),
  when: "date",
  date: new Date().toISOString().slice(0, 10),
  defaultType: "INFO",
  defaultClosure: "STRAKS",
  [`n:${f.flytning}:PRSNLG`]: "3",
});

async function freshPaperBatch(target: Target): Promise<string> {
  const coordinator = coordinatorCtx(target);
  return (await createPaperSheet(t.prisma, { id: coordinator.actorId, access: coordinator.access }, paperFields(target))).id;
}

const registrationBody = (target: Target) => ({
  id: crypto.randomUUID(),
  unitId: f.unit(target, SKRANKE),
  channelCode: "PRSNLG",
  taskId: f.flytning,
  contactTypeCode: "INFO",
  closureCode: "STRAKS",
  form: false,
  occurredAt: new Date().toISOString(),
});

/** A registration made today by the target municipality's own registrant. */
async function freshRegistration(target: Target): Promise<string> {
  const owner = t.userId(target === "other" ? "medarbejder@kbh.test" : "medarbejder@koege.test");
  const input = registrationInputSchema.parse(registrationBody(target));
  await createRegistration(t.prisma, { id: owner }, input);
  return input.id;
}

async function freshFavourite(target: Target): Promise<string> {
  const owner = t.userId(target === "other" ? "medarbejder@kbh.test" : "medarbejder@koege.test");
  // The same choices twice are refused: start from none.
  await t.prisma.favourite.deleteMany({ where: { userId: owner, unitId: f.unit(target, SKRANKE) } });
  const { id } = await createFavourite(
    t.prisma,
    { id: owner },
    {
      unitId: f.unit(target, SKRANKE),
      name: `Favorit ${next()}`,
      channelCode: "PRSNLG",
      taskId: f.flytning,
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: false,
    },
  );
  return id;
}

async function freshQuestion(target: Target): Promise<string> {
  const { id } = await createQuestion(coordinatorCtx(target), {
    municipalityId: f.municipality(target),
    text: `Spørgsmål ${next()}?`,
    required: false,
    options: ["Ja", "Nej"],
    roundId: null,
    unitIds: [f.unit(target, SKRANKE)],
  });
  return id;
}

async function freshPackage(): Promise<string> {
  return (await createPackage(nationalCtx(), { name: `Pakke ${next()}`, description: null, copyFromId: null })).id;
}

let roundYear = 2060;
const roundFields = () => ({ name: `Runde ${next()}`, isoYear: String(roundYear++), firstWeek: "10", weekCount: "1", packageId: "" });
async function freshRound(): Promise<string> {
  return (await createRound(nationalCtx(), roundSchema.parse(roundFields()))).id;
}

/** A fresh future round both Køge and København count in, with one number question of KL's questionnaire. */
async function freshQuestionnaire(): Promise<{ roundId: string; questionId: string }> {
  const n = next();
  const round = await t.prisma.countingRound.create({
    data: {
      code: `m-q-${n}`,
      name: `Spørgerunde ${n}`,
      startsOn: new Date(Date.UTC(2070, 0, 6)),
      isoYear: 2070 + n,
      firstWeek: 10,
      weekCount: 1,
    },
  });
  for (const target of ["own", "other"] as const)
    await t.prisma.municipalityCountingWeek.create({
      data: { municipalityId: f.municipality(target), roundId: round.id, isoYear: 2070 + n, isoWeek: 10 },
    });
  const { id } = await addQuestion(nationalCtx(), { roundId: round.id, kind: "NUMBER", text: `Antal ${n}?`, isPublic: false, options: "" });
  return { roundId: round.id, questionId: id };
}

// Municipalities not in the demo, one for each call of the onboarding action.
const unusedMunicipalities = [147, 151, 153, 155, 157, 159, 161, 163, 165, 167, 169, 173, 175, 183, 185];

const unitForm = async (target: Target, extra: Record<string, string | string[]> = {}) =>
  form({ municipalityId: f.municipality(target), unitId: await freshUnit(target), ...extra });

// ---------------------------------------------------------------------------------------------
// THE matrix: one row per endpoint. A new endpoint without a row fails "every endpoint has a row".

/** A one-line upload in Spor's CSV template for the target municipality's Skranke unit. */
function uploadCall(url: string, target: Target): Invocation {
  const csv = `kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n${f.number(target)};${SKRANKE};23.05.10;WEB;;;;2026-10-19;${next()}\r\n`;
  return { url: `${url}?kommune=${f.number(target)}&type=csv`, multipart: { fil: new File([csv], "upload.csv", { type: "text/csv" }) } };
}

/** A national round that is over (2020), fresh per call, for approving and reopening. */
async function freshPastRound(): Promise<string> {
  const n = next();
  const round = await t.prisma.countingRound.create({
    data: {
      code: `m-past-${n}`,
      name: `Afsluttet runde ${n}`,
      startsOn: new Date(Date.UTC(2020, 0, 6)),
      isoYear: 2020,
      firstWeek: 2 + (n % 48),
      weekCount: 1,
    },
  });
  return round.id;
}

/** A day no other call used (reference counts allow one count per unit, day, channel and kind). */
const freshDay = () => new Date(Date.UTC(2024, 0, 1) + next() * 86_400_000).toISOString().slice(0, 10);

const COORDINATOR_OWN = { own: ["coordinator"], other: [] } satisfies Row["allowed"];
const NATIONAL_ONLY = { none: ["national"] } satisfies Row["allowed"];

const MATRIX: Record<string, Row> = {
  // Administration of a municipality (units, users, questions, counting weeks, API keys): its own coordinators only.
  "action:apiTokens.create": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), name: `System ${next()}` }),
  },
  "action:apiTokens.revoke": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const { id } = await createApiToken(coordinatorCtx(target), {
        municipalityId: f.municipality(target),
        name: `System ${next()}`,
        unitIds: [],
      });
      return form({ municipalityId: f.municipality(target), tokenId: id });
    },
  },
  "action:questions.create": {
    allowed: COORDINATOR_OWN,
    call: async (target) =>
      form({
        municipalityId: f.municipality(target),
        text: `Nyt spørgsmål ${next()}?`,
        options: "Ja\nNej",
        roundId: "",
        unitId: f.unit(target, SKRANKE),
      }),
  },
  "action:questions.update": {
    allowed: COORDINATOR_OWN,
    call: async (target) =>
      form({
        municipalityId: f.municipality(target),
        questionId: await freshQuestion(target),
        text: `Rettet spørgsmål ${next()}?`,
        options: "Ja\nNej",
        roundId: "",
        unitId: f.unit(target, SKRANKE),
      }),
  },
  "action:questions.archive": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), questionId: await freshQuestion(target), intent: "archive" }),
  },
  "action:questions.setNationalUnits": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const { id } = await createNationalQuestion(nationalCtx(), {
        text: `KL's spørgsmål ${next()}?`,
        required: false,
        options: ["Ja", "Nej"],
        roundId: null,
        municipalityIds: [f.municipality(target)],
      });
      return form({ municipalityId: f.municipality(target), questionId: id, unitId: f.unit(target, SKRANKE) });
    },
  },
  // KL asks a question in the municipalities it names (any of them).
  "action:questions.createNational": {
    allowed: { own: ["national"], other: ["national"] },
    call: async (target) =>
      form({ text: `KL spørger ${next()}?`, options: "Ja\nNej", roundId: "", municipalityIdList: f.municipality(target) }),
  },
  "action:unitSetup.saveChannels": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { channel: ["PRSNLG", "TLFIND"] }) },
  "action:unitSetup.addTasks": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { taskId: f.flytning }) },
  "action:unitSetup.addObligatoryTasks": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { packageId: f.packageId }) },
  "action:unitSetup.removeTasks": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const unitId = await freshUnit(target);
      await addUnitTasks(coordinatorCtx(target), { municipalityId: f.municipality(target), unitId, taskIds: [f.flytning] });
      return form({ municipalityId: f.municipality(target), unitId, taskId: f.flytning });
    },
  },
  "action:unitSetup.copyFromUnit": {
    allowed: COORDINATOR_OWN,
    call: (target) => unitForm(target, { sourceUnitId: f.unit(target, "Jobcenter"), channels: "on", tasks: "on", mode: "replace" }),
  },
  "action:unitSetup.moveTask": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const unitId = await freshUnit(target);
      await addUnitTasks(coordinatorCtx(target), { municipalityId: f.municipality(target), unitId, taskIds: [f.flytning, f.pas] });
      return form({ municipalityId: f.municipality(target), unitId, move: `${f.pas}:up` });
    },
  },
  "action:unitSetup.moveChannel": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { move: "TLFIND:down" }) },
  "action:unitSetup.sortByLastRound": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { what: "tasks" }) },
  "action:unitSetup.saveOptions": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { timeMeasurement: "on" }) },
  "action:unitSetup.deleteTestRegistrations": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const unitId = await freshUnit(target);
      await addRegistration(t.prisma, { municipalityId: f.municipality(target), unitId, isTest: true });
      return form({ municipalityId: f.municipality(target), unitId });
    },
  },
  "action:unitSetup.saveUnitLogin": {
    allowed: COORDINATOR_OWN,
    call: (target) => unitForm(target, { login: `skranke-${next()}@matrix.test` }),
  },
  "action:unitSetup.renewUnitLoginPassword": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const unitId = await freshUnit(target);
      const login = `skranke-${next()}@matrix.test`;
      await saveUnitLogin(coordinatorCtx(target), { municipalityId: f.municipality(target), unitId, login });
      return form({ municipalityId: f.municipality(target), unitId, login });
    },
  },
  "action:unitSetup.disableUnitLogin": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const unitId = await freshUnit(target);
      await saveUnitLogin(coordinatorCtx(target), {
        municipalityId: f.municipality(target),
        unitId,
        login: `skranke-${next()}@matrix.test`,
      });
      return form({ municipalityId: f.municipality(target), unitId });
    },
  },
  "action:units.create": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), name: `Ny enhed ${next()}`, parentId: "", kind: "OTHER" }),
  },
  "action:units.update": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { name: `Omdøbt ${next()}`, kind: "OTHER" }) },
  "action:units.move": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { parentId: f.unit(target, "Jobcenter") }) },
  "action:units.archive": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target) },
  "action:units.reactivate": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const unitId = await freshUnit(target);
      await archiveUnit(coordinatorCtx(target), { municipalityId: f.municipality(target), unitId });
      return form({ municipalityId: f.municipality(target), unitId });
    },
  },
  "action:units.delete": { allowed: COORDINATOR_OWN, call: (target) => unitForm(target, { kommune: f.number(target) }) },
  "action:units.startFromLastRound": { allowed: COORDINATOR_OWN, call: async (target) => form({ municipalityId: f.municipality(target) }) },
  "action:users.invite": {
    allowed: COORDINATOR_OWN,
    call: async (target) =>
      form({
        municipalityId: f.municipality(target),
        name: `Ny kollega ${next()}`,
        email: `ny-${serial}@matrix.test`,
        role: "REGISTRANT",
        unitId: f.unit(target, SKRANKE),
      }),
  },
  "action:users.updateAccess": {
    allowed: COORDINATOR_OWN,
    call: async (target) =>
      form({ municipalityId: f.municipality(target), userId: await freshUser(target), role: "UNIT_LEAD", unitId: f.unit(target, SKRANKE) }),
  },
  "action:users.issueLink": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), userId: await freshUser(target) }),
  },
  "action:users.deactivate": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), userId: await freshUser(target) }),
  },
  "action:users.reactivate": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const userId = await freshUser(target);
      await deactivateUser(coordinatorCtx(target), { municipalityId: f.municipality(target), userId });
      return form({ municipalityId: f.municipality(target), userId });
    },
  },
  "action:landkort.setPublication": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), publish: next() % 2 ? "1" : "0" }),
  },
  "action:weeks.setRoundWeeks": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), roundId: f.currentRound.id, week: f.currentRound.weeks }),
  },
  "action:weeks.addLocalPeriod": {
    allowed: COORDINATOR_OWN,
    call: async (target) =>
      form({ municipalityId: f.municipality(target), name: `Periode ${next()}`, startsOn: "2031-03-02", endsOn: "2031-03-08" }),
  },
  "action:weeks.deleteLocalPeriod": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const { id } = await addLocalPeriod(coordinatorCtx(target), {
        municipalityId: f.municipality(target),
        name: `Periode ${next()}`,
        startsOn: "2032-05-03",
        endsOn: "2032-05-09",
      });
      return form({ municipalityId: f.municipality(target), periodId: id });
    },
  },
  // Channel prices: a municipality's own by its coordinators; KL's national defaults by national staff.
  "action:prices.save": {
    allowed: { own: ["coordinator"], other: [], none: ["national"] },
    call: async (target) => {
      const data = new FormData();
      data.set("channelCode", "TLFIND");
      data.set("price", String(40 + (next() % 20)));
      if (target !== "none") data.set("municipalityNumber", f.number(target));
      return { args: [data] };
    },
  },
  // Coverage and approval (issue 16): the municipality's coordinators only; KL reads.
  "action:coverage.setThreshold": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), threshold: String(50 + (next() % 40)) }),
  },
  // Datakvalitet's thresholds: the municipality's coordinators only (empty fields: the defaults).
  "action:quality.setThresholds": {
    allowed: COORDINATOR_OWN,
    call: async (target) =>
      form({
        municipalityId: f.municipality(target),
        fejlShare: String(10 + (next() % 40)),
        straksShare: "",
        oneTaskShare: String(40 + (next() % 40)),
        rareFormShare: "",
      }),
  },
  "action:approval.approve": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), roundId: await freshPastRound(), findingsSeen: "on" }),
  },
  "action:approval.reopen": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const roundId = await freshPastRound();
      await t.prisma.roundApproval.create({ data: { municipalityId: f.municipality(target), roundId } });
      return form({ municipalityId: f.municipality(target), roundId });
    },
  },
  // KL's round questionnaire (issue 17): a municipality's coordinators answer for it; KL defines it.
  "action:questionnaire.answer": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const { roundId, questionId } = await freshQuestionnaire();
      return form({ municipalityId: f.municipality(target), roundId, [`q:${questionId}`]: String(next()) });
    },
  },
  "action:questionnaire.addQuestion": {
    allowed: NATIONAL_ONLY,
    call: async () =>
      form({ roundId: (await freshQuestionnaire()).roundId, kind: "CHOICE", text: `Kanalstrategi ${next()}?`, options: "Ja\nNej" }),
  },
  "action:questionnaire.updateQuestion": {
    allowed: NATIONAL_ONLY,
    call: async () =>
      form({ questionId: (await freshQuestionnaire()).questionId, text: `Nyt antal ${next()}?`, options: "", isPublic: "on" }),
  },
  "action:questionnaire.deleteQuestion": {
    allowed: NATIONAL_ONLY,
    call: async () => form({ questionId: (await freshQuestionnaire()).questionId }),
  },
  "action:questionnaire.moveQuestion": {
    allowed: NATIONAL_ONLY,
    call: async () => {
      const { roundId, questionId } = await freshQuestionnaire();
      await addQuestion(nationalCtx(), { roundId, kind: "TEXT", text: `Organisering ${next()}?`, isPublic: false, options: "" });
      return form({ questionId, direction: "down" });
    },
  },
  "action:questionnaire.copy": {
    allowed: NATIONAL_ONLY,
    call: async () => form({ roundId: await freshRound(), fromRoundId: (await freshQuestionnaire()).roundId }),
  },
  // Self-service counts (issue 16): a municipality's grid and choice are its coordinators'; KL undoes its vendor uploads.
  "action:selfService.saveGrid": {
    allowed: COORDINATOR_OWN,
    call: async (target) => {
      const round = await t.prisma.countingRound.findFirstOrThrow({
        where: { packageId: { not: null } },
        select: { id: true, isoYear: true, firstWeek: true, packageId: true },
      });
      const item = await t.prisma.taskPackageItem.findFirstOrThrow({
        where: { packageId: round.packageId!, removed: false, task: { number: { not: "FEJL" } } },
      });
      return form({
        municipalityId: f.municipality(target),
        roundId: round.id,
        source: "STATISTICS_MODULE",
        solution: "",
        [`c_${item.taskId}_${round.isoYear * 100 + round.firstWeek}`]: String(next()),
      });
    },
  },
  "action:selfService.choose": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ municipalityId: f.municipality(target), taskId: f.flytning, choice: next() % 2 ? "VENDOR" : "OWN" }),
  },
  "action:selfService.undoVendorUpload": {
    allowed: NATIONAL_ONLY,
    call: async () => {
      const national = nationalCtx();
      const plan = await planVendorImport(t.prisma, [
        { line: 2, municipalityNumber: 259, taskNumber: "23.05.10", isoYear: 2030, isoWeek: 20, count: 3, solution: `Løsning ${next()}` },
      ]);
      const { uploadId } = await commitVendorImport(t.prisma, { id: national.actorId, access: national.access }, plan, {
        fileName: "v.csv",
      });
      return form({ uploadId });
    },
  },
  // Data: undoing a batch deletes a municipality's registrations — its coordinators' decision only
  // (national staff read every municipality's batches and undo none).
  "action:exchange.undoBatch": {
    allowed: COORDINATOR_OWN,
    call: async (target) => form({ batchId: await freshMassBatch(target) }),
  },
  // Mass registration: coordinators in their municipality, unit leads in their units and below.
  "action:mass.create": { allowed: { own: ["lead", "coordinator"], other: [] }, call: async (target) => form(massFields(target)) },
  "action:mass.delete": {
    allowed: { own: ["lead", "coordinator"], other: [] },
    call: async (target) => form({ batchId: await freshMassBatch(target) }),
  },
  // A keyed-in paper tally sheet ("Indtast skema"): the mass registration rule.
  "action:paperSheet.create": { allowed: { own: ["lead", "coordinator"], other: [] }, call: async (target) => form(paperFields(target)) },
  "action:paperSheet.delete": {
    allowed: { own: ["lead", "coordinator"], other: [] },
    call: async (target) => form({ batchId: await freshPaperBatch(target) }),
  },
  // The registration screen: only units the caller is a registering member of (Skranke: the registrant).
  "action:registration.chooseUnit": {
    allowed: { own: ["registrant"], other: [] },
    call: async (target) => form({ unitId: f.unit(target, SKRANKE) }),
  },

  // National staff (packages, rounds, municipalities, KLE): KL's staff only; their resources belong to no municipality.
  "action:municipalities.onboard": {
    allowed: NATIONAL_ONLY,
    call: async () =>
      form({
        number: String(unusedMunicipalities[next() % unusedMunicipalities.length]),
        coordinatorName: "Ny Tovholder",
        coordinatorEmail: `ny-tovholder-${serial}@matrix.test`,
      }),
  },
  // A municipality's CVR number decides which municipality a sign-in through KOMBIT lands in: KL only
  // (tests/db/saml.test.ts for the rest).
  "action:municipalities.cvr": {
    allowed: NATIONAL_ONLY,
    call: async (target) => form({ municipality: f.number(target), cvr: String(40_000_000 + next()) }),
  },
  // A municipality's single sign-on decides who can sign in there: KL only (tests/db/sso.test.ts for the rest).
  "action:sso.settings.save": {
    allowed: NATIONAL_ONLY,
    call: async (target) => {
      process.env.SPOR_SECRETS_KEY ??= Buffer.alloc(32, 3).toString("base64");
      return form({
        municipality: f.number(target),
        issuer: "https://login.matrix.test/v2.0",
        clientId: `spor-${next()}`,
        clientSecret: "hemmelig",
        emailClaim: "email",
        enabled: "on",
      });
    },
  },
  "action:sso.settings.remove": {
    allowed: NATIONAL_ONLY,
    call: async (target) => {
      process.env.SPOR_SECRETS_KEY ??= Buffer.alloc(32, 3).toString("base64");
      await t.prisma.ssoProvider.upsert({
        where: { municipalityId: f.municipality(target) },
        create: {
          municipalityId: f.municipality(target),
          issuer: "https://login.matrix.test/v2.0",
          clientId: "spor",
          clientSecret: "v1.x.y.z",
        },
        update: {},
      });
      return form({ municipality: f.number(target) });
    },
  },
  "action:packages.create": {
    allowed: NATIONAL_ONLY,
    call: async () => form({ name: `Ny pakke ${next()}`, description: "", copyFromId: "" }),
  },
  "action:packages.update": {
    allowed: NATIONAL_ONLY,
    call: async () => form({ packageId: await freshPackage(), name: `Omdøbt pakke ${next()}`, description: "" }),
  },
  "action:packages.addTasks": {
    allowed: NATIONAL_ONLY,
    call: async () => form({ packageId: await freshPackage(), numbers: "23.05.10", needGroup: "" }),
  },
  "action:packages.setItem": {
    allowed: NATIONAL_ONLY,
    call: async () => {
      const packageId = await freshPackage();
      await addPackageTasks(nationalCtx(), packageId, { numbers: ["23.05.10"], obligatory: false, needGroup: null });
      return form({ packageId, taskId: f.flytning, change: "obligatory" });
    },
  },
  "action:packages.delete": { allowed: NATIONAL_ONLY, call: async () => form({ packageId: await freshPackage() }) },
  "action:rounds.create": { allowed: NATIONAL_ONLY, call: async () => form(roundFields()) },
  "action:rounds.update": { allowed: NATIONAL_ONLY, call: async () => form({ ...roundFields(), roundId: await freshRound() }) },
  "action:rounds.delete": { allowed: NATIONAL_ONLY, call: async () => form({ roundId: await freshRound() }) },

  // Route handlers. The registration screen's own writes: the caller's own rows in units they register in.
  "route:POST /api/registrations": {
    allowed: { own: ["registrant"], other: [] },
    call: async (target) => ({ url: "/api/registrations", body: registrationBody(target) }),
  },
  "route:POST /api/registrations/contact": {
    allowed: { own: ["registrant"], other: [] },
    call: async (target) => {
      const first = registrationBody(target);
      return { url: "/api/registrations/contact", body: { registrations: [first, { ...first, id: crypto.randomUUID(), taskId: f.pas }] } };
    },
  },
  "route:PATCH /api/registrations/[id]": {
    allowed: { own: ["registrant"], other: [] },
    call: async (target) => {
      const id = await freshRegistration(target);
      return { url: `/api/registrations/${id}`, params: { id }, body: { closureCode: "STRAKS", form: true } };
    },
  },
  "route:DELETE /api/registrations/[id]": {
    allowed: { own: ["registrant"], other: [] },
    call: async (target) => {
      const id = await freshRegistration(target);
      return { url: `/api/registrations/${id}?reason=undo`, params: { id } };
    },
  },
  "route:GET /api/registrations/today": {
    allowed: { own: ["registrant"], other: [] },
    call: async (target) => ({ url: `/api/registrations/today?unitId=${f.unit(target, SKRANKE)}` }),
  },
  "route:POST /api/favourites": {
    allowed: { own: ["registrant"], other: [] },
    call: async (target) => ({
      url: "/api/favourites",
      body: {
        unitId: f.unit(target, SKRANKE),
        name: `Favorit ${next()}`,
        channelCode: "PRSNLG",
        taskId: f.flytning,
        contactTypeCode: "INFO",
        closureCode: "STRAKS",
        form: false,
      },
    }),
  },
  "route:DELETE /api/favourites/[id]": {
    allowed: { own: ["registrant"], other: [] },
    call: async (target) => {
      const id = await freshFavourite(target);
      return { url: `/api/favourites/${id}`, params: { id } };
    },
  },
  // The caller's own settings and identity: every signed-in user, no one else.
  "route:PUT /api/settings": {
    allowed: { none: SIGNED_IN },
    call: async () => ({ url: "/api/settings", body: { shortcutsEnabled: next() % 2 === 0 } }),
  },
  "route:GET /api/me": { allowed: { none: SIGNED_IN }, call: async () => ({ url: "/api/me" }) },
  // Reads: a unit's setup for those who read or register in it; national staff read every municipality.
  "route:GET /api/units/[unitId]": {
    allowed: { own: ["registrant", "lead", "coordinator", "national"], other: ["national"] },
    call: async (target) => ({ url: `/api/units/${f.unit(target, SKRANKE)}`, params: { unitId: f.unit(target, SKRANKE) } }),
  },
  "route:GET /api/reports/[report]": {
    // A unit lead reads the reports of their own units (the report narrows to them).
    allowed: { own: ["lead", "coordinator", "national"], other: ["national"] },
    call: async (target) => ({ url: `/api/reports/kanaler?kommune=${f.number(target)}`, params: { report: "kanaler" } }),
  },
  "route:GET /api/reports/afrapportering/pdf": {
    // Afrapportering as PDF: the page's scope (a unit lead gets their units). Chromium is replaced by
    // a stub below (vi.mock of lib/reports/pdf): the matrix is about who may, not about printing.
    allowed: { own: ["lead", "coordinator", "national"], other: ["national"] },
    call: async (target) => {
      process.env.SPOR_CHROMIUM_PATH ??= "/usr/bin/chromium";
      return { url: `/api/reports/afrapportering/pdf?kommune=${f.number(target)}` };
    },
  },
  "route:GET /api/exports/registrations": {
    allowed: { own: ["coordinator", "national"], other: ["national"] },
    call: async (target) => ({ url: `/api/exports/registrations?kommune=${f.number(target)}` }),
  },
  // Public documents that hold no data.
  "route:GET /api/exports/questionnaire": {
    // Every municipality's answers side by side: KL only.
    allowed: { none: ["national"] },
    call: async () => ({ url: "/api/exports/questionnaire?runde=autumn-2013" }),
  },
  "route:GET /api/exports/upload-template": { allowed: { none: EVERYONE }, call: async () => ({ url: "/api/exports/upload-template" }) },
  "route:GET /api/v1/openapi.json": { allowed: { none: EVERYONE }, call: async () => ({ url: "/api/v1/openapi.json" }) },
  "route:GET /api/exports/reference-template": {
    allowed: { none: EVERYONE },
    call: async () => ({ url: "/api/exports/reference-template" }),
  },
  // Reference counts from another system (issue 16): the ingestion API's rule, a fresh day per call.
  "route:POST /api/v1/reference-counts": {
    allowed: { own: ["apiToken"], other: [] },
    call: async (target) => ({
      url: "/api/v1/reference-counts",
      body: {
        referenceCounts: [{ unit: f.unit(target, SKRANKE), date: freshDay(), channelCode: "TLFIND", kind: "BESVAREDE_OPKALD", count: 3 }],
      },
    }),
  },
  // The ingestion API: a municipality's API token, for its own units only; sessions do not open it.
  "route:POST /api/v1/registrations": {
    allowed: { own: ["apiToken"], other: [] },
    call: async (target) => ({
      url: "/api/v1/registrations",
      body: {
        registrations: [
          {
            id: crypto.randomUUID(),
            unit: f.unit(target, SKRANKE),
            task: "23.05.10",
            channelCode: "PRSNLG",
            contactTypeCode: "INFO",
            closureCode: "STRAKS",
            form: false,
            occurredAt: new Date().toISOString(),
            quantity: 2,
          },
        ],
      },
    }),
  },

  // Public: no session, no role. Their outcomes (throttle, messages, tokens) are tested in their own files.
  "action:auth.sign-in": { allowed: { none: EVERYONE }, testedIn: "tests/db/auth.test.ts" },
  "action:auth.sign-out": { allowed: { none: EVERYONE }, testedIn: "tests/db/auth.test.ts" },
  "action:auth.sso-sign-in": { allowed: { none: EVERYONE }, testedIn: "tests/db/sso.test.ts" },
  "action:auth.activate": { allowed: { none: EVERYONE }, testedIn: "tests/db/auth-passwords.test.ts, tests/db/admin-users.test.ts" },
  "route:GET /api/auth/[...all]": {
    allowed: { none: EVERYONE },
    testedIn: "tests/db/auth.test.ts, tests/db/auth-sessions.test.ts, tests/db/sso.test.ts",
  },
  "route:POST /api/auth/[...all]": { allowed: { none: EVERYONE }, testedIn: "tests/db/auth.test.ts" },
  "route:GET /login/sso": { allowed: { none: EVERYONE }, testedIn: "tests/db/sso.test.ts" },
  // SAML through KOMBIT's Context Handler: public by nature (metadata, the start, the IdP's post).
  "route:GET /api/auth/saml/metadata": { allowed: { none: EVERYONE }, testedIn: "tests/db/saml.test.ts" },
  "route:GET /api/auth/saml/login": { allowed: { none: EVERYONE }, testedIn: "tests/db/saml.test.ts" },
  "route:POST /api/auth/saml/acs": { allowed: { none: EVERYONE }, testedIn: "tests/db/saml.test.ts" },
  // Uploads: a coordinator, into their own municipality only; national staff upload nothing municipal.
  "route:POST /api/uploads/preview": {
    allowed: { own: ["coordinator"], other: [] },
    call: async (target) => uploadCall("/api/uploads/preview", target),
  },
  // Reference counts by file: the upload rule (coordinators, their municipality).
  "route:POST /api/reference-counts": {
    allowed: { own: ["coordinator"], other: [] },
    call: async (target) => ({
      url: `/api/reference-counts?kommune=${f.number(target)}`,
      multipart: {
        fil: new File(
          [`kommune;enhed;dato;time;kanal;art;antal\r\n${f.number(target)};${SKRANKE};${freshDay()};;PRSNLG;BETJENTE_BESOEG;4\r\n`],
          "ref.csv",
          { type: "text/csv" },
        ),
      },
    }),
  },
  // KL's vendor file of self-service counts for many municipalities: national staff only.
  "route:POST /api/self-service/vendor-file": {
    allowed: NATIONAL_ONLY,
    call: async () => ({
      url: "/api/self-service/vendor-file",
      multipart: {
        fil: new File([`kommune;opgave;uge;antal;loesning\r\n259;23.05.10;2030-W21;4;Løsning ${next()}\r\n`], "leverandoer.csv", {
          type: "text/csv",
        }),
      },
    }),
  },
  "route:POST /api/uploads": {
    allowed: { own: ["coordinator"], other: [] },
    call: async (target) => uploadCall("/api/uploads", target),
  },
  "route:POST /api/users/import": {
    allowed: { own: ["coordinator"], other: [] },
    call: async (target) => ({
      url: `/api/users/import?municipalityId=${f.municipality(target)}`,
      multipart: {
        file: new File(
          [`navn;e-mail;rolle;enhed\r\nImporteret ${next()};import${serial}@${f.number(target)}.test;medarbejder;${SKRANKE}\r\n`],
          "brugere.csv",
          { type: "text/csv" },
        ),
      },
    }),
  },
  // The one download of a user import's activation links: the coordinator who imported them.
  "route:POST /api/users/links": {
    allowed: { own: ["coordinator"], other: [] },
    call: async (target) => {
      const link = await inviteUser(coordinatorCtx(target), {
        municipalityId: f.municipality(target),
        name: `Linkhentning ${next()}`,
        email: `links${serial}@${f.number(target)}.test`,
        role: "REGISTRANT",
        unitIds: [f.unit(target, SKRANKE)],
      });
      return {
        url: "/api/users/links",
        body: { municipalityId: f.municipality(target), userIds: [link.userId], issuedAt: new Date().toISOString() },
      };
    },
  },
  // KLE is national reference data: KL's staff only.
  "route:POST /api/kle": {
    allowed: NATIONAL_ONLY,
    call: async () => ({
      url: "/api/kle",
      multipart: { file: new File([fs.readFileSync(path.join(ROOT, "tests/fixtures/kle-mini.xml"))], "kle.xml", { type: "text/xml" }) },
    }),
  },
  // Health: anyone, no data.
  "route:GET /api/landkort": { allowed: { none: EVERYONE }, call: async () => ({ url: "/api/landkort?format=csv" }) },
  "route:GET /api/health": { allowed: { none: EVERYONE }, call: async () => ({ url: "/api/health" }) },
  "route:GET /api/health/ready": { allowed: { none: EVERYONE }, call: async () => ({ url: "/api/health/ready" }) },
  "route:GET /api/health/live": { allowed: { none: EVERYONE }, call: async () => ({ url: "/api/health/live" }) },
  // Metrics: the operator's scraper with SPOR_METRICS_TOKEN only; no session, role or API token opens it
  // (404 while unset, 401 otherwise). tests/db/metrics.test.ts calls it with the token.
  "route:GET /api/metrics": { allowed: { none: [] }, call: async () => ({ url: "/api/metrics" }) },
};

// ---------------------------------------------------------------------------------------------
// Discovery: every "use server" module and every route module, found on disk now.

function walk(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "generated" ? [] : walk(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [full] : [];
  });
}

const sources = ["app", "lib", "components"].flatMap((d) => walk(path.join(ROOT, d)));
const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");
const DIRECTIVE = /^\s*["']use server["'];?\s*$/m;
/** A module whose first statement is "use server" (comments may precede it). */
const isServerActionModule = (text: string) => /^(?:\s*(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/))*\s*["']use server["']/.test(text);
const actionModules = sources.filter((f) => isServerActionModule(fs.readFileSync(f, "utf8")));
// Route handlers anywhere under app/ (e.g. GET /login/sso beside the login page), not only under app/api.
const routeModules = walk(path.join(ROOT, "app")).filter((f) => /\/route\.tsx?$/.test(f));
const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Registry key → the wrapped function, filled from the imported modules. */
const endpoints = new Map<string, { fn: (...args: unknown[]) => Promise<unknown>; info: EndpointInfo }>();
const unwrapped: string[] = [];

/** Imports every action and route module, collecting the wrapped exports and the unwrapped ones. */
async function importEndpoints(): Promise<void> {
  for (const file of [...actionModules, ...routeModules]) {
    const isRoute = routeModules.includes(file);
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (isRoute && !HTTP_METHODS.has(name)) continue;
      const info = wrappedInfo(value);
      if (info) endpoints.set(`${info.kind}:${info.name}`, { fn: value as (...args: unknown[]) => Promise<unknown>, info });
      else unwrapped.push(`${rel(file)}#${name}`);
    }
  }
}

describe("every endpoint goes through a wrapper and has a row in the matrix", () => {
  it("finds the server action and route modules; each export is wrapped or a pending row", () => {
    expect(actionModules.length).toBeGreaterThan(10);
    expect(routeModules.length).toBeGreaterThan(10);
    // Inline "use server" (inside a function) would make an endpoint outside the wrappers.
    for (const file of sources.filter((f) => !actionModules.includes(f))) {
      expect(DIRECTIVE.test(fs.readFileSync(file, "utf8")), `${rel(file)} has an inline "use server"`).toBe(false);
    }
    const pending = Object.entries(MATRIX)
      .filter(([, row]) => row.pending)
      .map(([key]) => key);
    // An unwrapped export is only allowed as a pending row; a pending row that got wrapped must get its registry key.
    expect([...unwrapped].sort()).toEqual(pending.sort());
  });

  it("every registered endpoint has a row, and every row names a registered endpoint", () => {
    const registered = registeredEndpoints().map((e) => `${e.kind}:${e.name}`);
    const rows = Object.entries(MATRIX)
      .filter(([, row]) => !row.pending)
      .map(([key]) => key);
    expect(
      registered.filter((key) => !MATRIX[key]),
      "endpoints without a row",
    ).toEqual([]);
    expect(
      rows.filter((key) => !registered.includes(key)),
      "rows without an endpoint",
    ).toEqual([]);
    expect(
      rows.filter((key) => !MATRIX[key].call && !MATRIX[key].testedIn),
      "rows without a call",
    ).toEqual([]);
    // Only public endpoints may be left to their own tests: every role-gated one is called here.
    expect(rows.filter((key) => MATRIX[key].testedIn && endpoints.get(key)?.info.audience !== "public")).toEqual([]);
    // Every endpoint registered is one this test imported (and can therefore call).
    expect(registered.filter((key) => !endpoints.has(key))).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Calling, and checking that a refusal changed nothing.

interface Outcome {
  ok: boolean;
  detail: string;
}

function headersOf(caller: Caller): Record<string, string> {
  const h: Record<string, string> = { host: "localhost:3000", origin: ORIGIN, "x-spor-client-ip": TEST_IP };
  const cookie = cookies.get(caller);
  if (cookie) h.cookie = cookie;
  if (caller === "apiToken") h.authorization = `Bearer ${apiTokenSecret}`;
  return h;
}

function digestOf(error: unknown): string {
  const digest = (error as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" ? digest : "";
}

async function invoke(key: string, invocation: Invocation, caller: Caller): Promise<Outcome> {
  const { fn, info } = endpoints.get(key)!;
  if ("args" in invocation) {
    request.headers = new Headers(headersOf(caller));
    try {
      const result = (await fn(...invocation.args)) as { error?: string } | undefined;
      if (result && typeof result === "object" && result.error) return { ok: false, detail: result.error };
      return { ok: true, detail: JSON.stringify(result)?.slice(0, 200) ?? "" };
    } catch (error) {
      // redirect() after success (or, for the price form, with the error in the address).
      const digest = digestOf(error);
      if (!digest.startsWith("NEXT_REDIRECT")) throw error;
      const url = decodeURIComponent(digest.split(";")[2] ?? "");
      return { ok: !url.includes("fejl="), detail: url };
    }
  }
  const method = info.name.split(" ")[0];
  const headers: Record<string, string> = headersOf(caller);
  let body: BodyInit | undefined;
  if (invocation.multipart) {
    const data = new FormData();
    for (const [name, value] of Object.entries(invocation.multipart)) data.set(name, value);
    body = data; // Request sets the multipart content type with its boundary
  } else if (invocation.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(invocation.body);
  }
  const response = (await fn(new Request(`${ORIGIN}${invocation.url}`, { method, headers, body }), {
    params: Promise.resolve(invocation.params ?? {}),
  })) as Response;
  const text = await response.text();
  return { ok: response.status < 400, detail: `${response.status} ${text.slice(0, 200)}` };
}

/**
 * Columns left out of the fingerprint: an API token's last use is recorded when it authenticates,
 * also when the request it carried is then refused; likewise a session's idle expiry is renewed when
 * it is used and older than Better Auth's updateAge (5 minutes), which a slow run reaches.
 * The API's rate-limit counters (rate_limit_window) count every request, refused ones too, by design.
 */
const IGNORED_COLUMNS: Record<string, string[]> = {
  api_token: ["last_used_at"],
  session: ["expires_at", "updated_at"],
};

let fingerprintSql = "";
/** A hash of every row of every table but the audit log (checked separately), in one query. */
async function fingerprint(): Promise<Record<string, string>> {
  if (!fingerprintSql) {
    const tables = await t.database.sql.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('audit_event', 'rate_limit_window') ORDER BY 1`,
    );
    expect(tables.length).toBeGreaterThan(20);
    fingerprintSql = tables
      .map(({ name }) => {
        const row = IGNORED_COLUMNS[name] ? `(to_jsonb(x) - '{${IGNORED_COLUMNS[name].join(",")}}'::text[])::text` : "x::text";
        return `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(md5(string_agg(${row}, '|' ORDER BY ${row})), '') AS hash FROM "${name}" x`;
      })
      .join(" UNION ALL ");
  }
  const rows = await t.database.sql.query<{ name: string; hash: string }>(fingerprintSql);
  return Object.fromEntries(rows.map((r) => [r.name, r.hash]));
}

async function lastAuditId(): Promise<string> {
  const [row] = await t.database.sql.query<{ id: string | null }>(`SELECT max(id)::text AS id FROM audit_event`);
  return row.id ?? "0";
}

async function auditSince(id: string) {
  return t.database.sql.query<{ action: string; actor_user_id: string | null; entity_id: string | null; ip: string | null }>(
    `SELECT action, actor_user_id, entity_id, ip FROM audit_event WHERE id > $1::bigint ORDER BY id`,
    [id],
  );
}

const TARGETS: Target[] = ["own", "other", "none"];

describe("each endpoint, called as every role, succeeds exactly where the matrix says", () => {
  for (const [key, row] of Object.entries(MATRIX)) {
    if (row.pending || row.testedIn) continue;
    it(key, async () => {
      const { info } = endpoints.get(key) ?? {};
      expect(info, `${key} was not imported`).toBeDefined();
      const callers = info!.kind === "route" ? ROUTE_CALLERS : ACTION_CALLERS;
      const mismatches: string[] = [];
      for (const target of TARGETS.filter((x) => row.allowed[x])) {
        const allowed = row.allowed[target]!;
        // Refusals first, all against one resource (a refusal changes nothing, so it stays fresh).
        const denied = callers.filter((c) => !allowed.includes(c));
        if (denied.length) {
          const invocation = await row.call!(target);
          let before = await fingerprint();
          for (const caller of denied) {
            const auditFrom = await lastAuditId();
            const outcome = await invoke(key, invocation, caller);
            const after = await fingerprint();
            const audit = await auditSince(auditFrom);
            // Only an endpoint that reads the session knows who a refused caller is (and logs them).
            const expectedAudit =
              info!.audience === "signed-in" && SIGNED_IN.includes(caller)
                ? [{ action: "access.denied", actor_user_id: userIds.get(caller)!, entity_id: info!.name, ip: TEST_IP }]
                : [];
            if (outcome.ok) mismatches.push(`${target} / ${caller}: allowed, but the matrix refuses (${outcome.detail})`);
            const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
            if (changed.length) mismatches.push(`${target} / ${caller}: refused but changed ${changed.join(", ")}`);
            if (JSON.stringify(audit) !== JSON.stringify(expectedAudit)) {
              mismatches.push(
                `${target} / ${caller}: audit ${JSON.stringify(audit)} (${outcome.detail}), expected ${JSON.stringify(expectedAudit)}`,
              );
            }
            before = after;
          }
        }
        for (const caller of allowed.filter((c) => callers.includes(c))) {
          const invocation = await row.call!(target);
          const auditFrom = await lastAuditId();
          const outcome = await invoke(key, invocation, caller);
          if (!outcome.ok) mismatches.push(`${target} / ${caller}: refused, but the matrix allows (${outcome.detail})`);
          const refusals = (await auditSince(auditFrom)).filter((a) => a.action === "access.denied");
          if (refusals.length) mismatches.push(`${target} / ${caller}: allowed, yet audit-logged as refused`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});

describe("the unit choice cookie", () => {
  it("is Secure when Spor is served over https, and not otherwise", async () => {
    const key = "action:registration.chooseUnit";
    const saved = process.env.SPOR_BASE_URL;
    try {
      for (const [base, secure] of [
        ["https://spor.example.dk", true],
        ["http://localhost:3000", false],
      ] as const) {
        process.env.SPOR_BASE_URL = base;
        request.cookiesSet = [];
        expect((await invoke(key, form({ unitId: f.unit("own", SKRANKE) }), "registrant")).ok).toBe(true);
        expect(request.cookiesSet).toEqual([
          { name: "spor.unit", value: f.unit("own", SKRANKE), options: expect.objectContaining({ httpOnly: true, secure }) },
        ]);
      }
    } finally {
      if (saved === undefined) delete process.env.SPOR_BASE_URL;
      else process.env.SPOR_BASE_URL = saved;
    }
  });
});
