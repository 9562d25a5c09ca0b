import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { createContact } from "@/lib/registrations/contact";
import { createRegistration } from "@/lib/registrations/mutations";
import { type ContactInput, contactInputSchema, type RegistrationInput, registrationInputSchema } from "@/lib/registrations/schema";
import { createTestDatabase } from "@/tests/helpers/test-db";

// One contact about several tasks (docs/method.md, "Hand-offs and several tasks"): one row per
// task, all or none, idempotent on resend; and the hand-off closure from the screen.

let database: SporDatabase;
const id: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
  const p = database.prisma;
  for (const u of await p.user.findMany({ select: { id: true, email: true } })) id[u.email] = u.id;
  for (const u of await p.unit.findMany({ select: { id: true, name: true, municipality: { select: { number: true } } } })) {
    id[`${u.municipality.number}:${u.name}`] = u.id;
  }
  for (const t of await p.task.findMany({ where: { number: { in: ["23.05.10", "23.09.02", "23.09.04", "02.34.02"] } } })) {
    id[t.number] = t.id;
  }
});
afterAll(() => database.close());

const REGISTRANT = () => ({ id: id["medarbejder@koege.test"] });
const occurredAt = new Date().toISOString();

function one(taskNumber: string, overrides: Partial<RegistrationInput> = {}): RegistrationInput {
  return registrationInputSchema.parse({
    id: crypto.randomUUID(),
    unitId: id["259:Borgerservice – Telefon"],
    channelCode: "TLFIND",
    taskId: id[taskNumber],
    contactTypeCode: "INFO",
    closureCode: "STRAKS",
    form: null,
    occurredAt,
    ...overrides,
  });
}
const contact = (...registrations: RegistrationInput[]): ContactInput => contactInputSchema.parse({ registrations });
const rows = (ids: string[]) => database.prisma.registration.findMany({ where: { id: { in: ids } }, include: { task: true } });

describe("a contact about several tasks", () => {
  it("stores one registration per task, each with its own type and closure", async () => {
    const input = contact(one("23.05.10"), one("23.09.02", { contactTypeCode: "OPRET", closureCode: "HOLD" }), one("23.09.04"));
    const result = await createContact(database.prisma, REGISTRANT(), input);
    expect(result).toMatchObject({ status: "created", ids: input.registrations.map((r) => r.id), inCountingWeek: true });
    const stored = await rows(input.registrations.map((r) => r.id));
    expect(stored.map((r) => [r.task.number, r.contactTypeCode, r.closureCode, r.channelCode, r.source]).sort()).toEqual([
      ["23.05.10", "INFO", "STRAKS", "TLFIND", "MANUAL"],
      ["23.09.02", "OPRET", "HOLD", "TLFIND", "MANUAL"],
      ["23.09.04", "INFO", "STRAKS", "TLFIND", "MANUAL"],
    ]);
    expect(new Set(stored.map((r) => r.occurredAt.toISOString())).size).toBe(1);
    expect(stored.every((r) => r.userId === REGISTRANT().id && r.quantity === 1)).toBe(true);
  });

  it("is all or nothing: a task the unit does not count refuses the whole contact", async () => {
    const input = contact(one("23.05.10"), one("02.34.02"));
    await expect(createContact(database.prisma, REGISTRANT(), input)).rejects.toThrow("Opgaven tælles ikke i enheden.");
    expect(await rows(input.registrations.map((r) => r.id))).toHaveLength(0);
  });

  it("is idempotent: a resend of the same contact stores nothing twice", async () => {
    const input = contact(one("23.05.10"), one("23.09.02"));
    expect((await createContact(database.prisma, REGISTRANT(), input)).status).toBe("created");
    expect(await createContact(database.prisma, REGISTRANT(), input)).toEqual({ status: "duplicate" });
    const racing = contact(one("23.05.10"), one("23.09.04"));
    const results = await Promise.all([1, 2].map(() => createContact(database.prisma, REGISTRANT(), racing).catch((e: Error) => e)));
    expect(results.filter((r) => !(r instanceof Error) && r.status === "created").length).toBeGreaterThanOrEqual(1);
    expect(await rows(racing.registrations.map((r) => r.id))).toHaveLength(2);
  });

  it("rolls back every row when one id is already someone else's", async () => {
    // The unit lead's registration in Borgerservice; the registrant's contact reuses its id after a row of its own.
    const theirs = one("23.09.04", { unitId: id["259:Borgerservice"], channelCode: "EMLIND", form: false });
    expect((await createRegistration(database.prisma, { id: id["leder@koege.test"] }, theirs)).status).toBe("created");
    const mine = one("23.05.10");
    const input = contact(mine, { ...one("23.09.02"), id: theirs.id });
    await expect(createContact(database.prisma, REGISTRANT(), input)).rejects.toThrow("Registreringens id er allerede brugt.");
    expect(await rows([mine.id])).toHaveLength(0);
    expect((await rows([theirs.id]))[0]).toMatchObject({ userId: id["leder@koege.test"], channelCode: "EMLIND" });
  });

  it("refuses a task twice, mixed channels and a single task, in Danish", () => {
    const parse = (registrations: RegistrationInput[]) => contactInputSchema.safeParse({ registrations });
    const issues = (registrations: RegistrationInput[]) => parse(registrations).error?.issues.map((i) => i.message) ?? [];
    expect(issues([one("23.05.10"), one("23.05.10")])).toContain(
      "En opgave er med to gange i henvendelsen: registrér hver opgave én gang.",
    );
    expect(issues([one("23.05.10"), one("23.09.02", { channelCode: "TLFUD" })])).toContain(
      "Opgaverne i én henvendelse skal have samme enhed, kanal, tidspunkt og blanket.",
    );
    expect(issues([one("23.05.10")])).toContain("En henvendelse om flere opgaver har mindst to opgaver.");
  });
});

describe("a hand-off from the registration screen", () => {
  it("is stored with the closure Stillet videre", async () => {
    const input = one("23.05.10", { closureCode: "VIDERE" });
    expect((await createRegistration(database.prisma, REGISTRANT(), input)).status).toBe("created");
    expect((await rows([input.id]))[0].closureCode).toBe("VIDERE");
  });
});
