import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as uploadFile } from "@/app/api/uploads/route";
import { POST as apiRegistrations } from "@/app/api/v1/registrations/route";
import { APPROVED_ROUND_MESSAGE, databaseFrozen } from "@/lib/actions/database-errors";
import { approvedMunicipalityIds, approveRound, reopenRound } from "@/lib/approval/approval";
import { resetAuth } from "@/lib/auth/auth";
import { loadAccess } from "@/lib/auth/load-access";
import { parseIsoDate } from "@/lib/counting/iso-week";
import { danishInstant } from "@/lib/exchange/local-time";
import { createMassRegistration } from "@/lib/exchange/mass-registration";
import { undoMunicipalityBatch } from "@/lib/exchange/undo";
import { createApiToken } from "@/lib/ingestion/tokens";
import { roundFindings } from "@/lib/quality/findings";
import { correctRegistration, createRegistration, deleteRegistration } from "@/lib/registrations/mutations";
import { DEMO_PASSWORD } from "@/lib/seed/demo";
import { addRegistration, adminTestDatabase } from "@/tests/helpers/admin";
import { multipartRequest } from "@/tests/helpers/multipart";
import { signInCookie } from "@/tests/helpers/sign-in";

// Approval (issue 16): a coordinator approves the municipality's data for a round that is over;
// every write path then refuses registrations in the round's weeks with one Danish message, until
// the coordinator reopens. Read back from the database after each refusal.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let roundId: string;
let cookie: string;
const TELEFON = "Borgerservice – Telefon";
const DAY = new Date(Date.UTC(2025, 2, 10)); // Monday of ISO week 11, 2025
const noParams = { params: Promise.resolve({}) };

beforeAll(async () => {
  t = await adminTestDatabase();
  resetAuth();
  cookie = await signInCookie(t.prisma, "koordinator@koege.test", DEMO_PASSWORD);
  roundId = (
    await t.prisma.countingRound.create({
      data: { code: "t-2025-11", name: "Testrunde 2025", startsOn: DAY, isoYear: 2025, firstWeek: 11, weekCount: 1 },
    })
  ).id;
});
afterAll(async () => {
  resetAuth();
  await t.database.close();
});

const koege = () => t.municipalityId(259);
const actor = async (email: string) => ({ id: t.userId(email), access: await loadAccess(t.prisma, t.userId(email)) });
const snapshot = async () => ({
  registrations: await t.prisma.registration.findMany({
    where: { municipalityId: koege() },
    select: { id: true, channelCode: true, quantity: true },
    orderBy: { id: "asc" },
  }),
  batches: await t.prisma.importBatch.count({ where: { undoneAt: null } }),
});
/** The domain call is refused by the database, and the wrappers turn that into the Danish message. */
async function expectFrozen(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, "the write was not refused").not.toBeNull();
  expect(databaseFrozen(error)?.message, String(error)).toBe(APPROVED_ROUND_MESSAGE);
}

describe("approving a round", () => {
  let inRound: string;
  let massBatch: string;

  it("refuses a round that is not over, and another municipality's coordinator", async () => {
    const future = await t.prisma.countingRound.create({
      data: { code: "t-future", name: "Fremtid", startsOn: new Date(Date.UTC(2099, 0, 5)), isoYear: 2099, firstWeek: 2, weekCount: 1 },
    });
    await expect(approveRound(await t.koege(), { municipalityId: koege(), roundId: future.id })).rejects.toThrow(
      "Runden «Fremtid» er ikke slut endnu.",
    );
    await expect(approveRound(await t.kbh(), { municipalityId: koege(), roundId })).rejects.toThrow("Kommunen findes ikke.");
    expect(await t.prisma.roundApproval.count()).toBe(0);
  });

  it("freezes every write path for the round's weeks, and only those", async () => {
    const unitId = await t.unitId(259, TELEFON);
    inRound = await addRegistration(t.prisma, {
      municipalityId: koege(),
      unitId,
      channelCode: "TLFIND",
      quantity: 3,
      occurredAt: danishInstant(DAY, 10),
    });
    const coordinator = await actor("koordinator@koege.test");
    const task = await t.prisma.task.findUniqueOrThrow({ where: { number: "23.05.10" } });
    massBatch = (
      await createMassRegistration(t.prisma, coordinator, {
        unitId: await t.unitId(259, "Borgerservice – Skranke"),
        direction: "IN",
        channelCode: "PRSNLG",
        taskId: task.id,
        contactTypeCode: "INFO",
        closureCode: "STRAKS",
        form: "nej",
        when: "date",
        date: "2025-03-11",
        isoYear: "",
        isoWeek: "",
        quantity: "4",
      })
    ).id;

    // The registrant's own registration from the screen that day, before the approval.
    const registrant = await actor("medarbejder@koege.test");
    // Any of the unit's tasks but Fejlhenvendelse (that one needs the FEJL type); without the filter
    // and an order, PostgreSQL sometimes returned it first.
    const unitTask = await t.prisma.unitTask.findFirstOrThrow({
      where: { unitId, task: { number: { not: "FEJL" } } },
      select: { taskId: true },
      orderBy: { taskId: "asc" },
    });
    const at = danishInstant(DAY, 12);
    const screenInput = (id: string) => ({
      id,
      unitId,
      channelCode: "TLFIND",
      taskId: unitTask.taskId,
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: null,
      occurredAt: at.toISOString(),
      isTest: false,
      answers: [],
    });
    const mine = crypto.randomUUID();
    await createRegistration(t.prisma, registrant, screenInput(mine), at);
    expect(await t.prisma.registration.count({ where: { id: mine, isTest: false } })).toBe(1);

    // Køge did not choose the round's week, so the registrations above lie outside its counting
    // weeks: Datakvalitet has findings, and the approval needs «Jeg har set fundene».
    const findings = (await roundFindings(t.database.sql.query.bind(t.database.sql), koege(), roundId, new Date())).length;
    expect(findings).toBeGreaterThan(0);
    await approveRound(await t.koege(), { municipalityId: koege(), roundId, findingsSeen: true });
    expect(await approvedMunicipalityIds(t.prisma, roundId)).toEqual([koege()]);
    const approved = await t.prisma.auditEvent.findMany({ where: { action: "round.approve", entityId: roundId }, select: { after: true } });
    expect(approved).toEqual([{ after: { round: "Testrunde 2025", findings, findingsSeen: true } }]);
    const before = await snapshot();

    // Any insert, update or delete of a registration in the round's weeks (the database's rule).
    await expectFrozen(addRegistration(t.prisma, { municipalityId: koege(), unitId, occurredAt: danishInstant(DAY, 11) }));
    await expectFrozen(t.prisma.registration.update({ where: { id: inRound }, data: { quantity: 9 } }));
    await expectFrozen(t.prisma.registration.delete({ where: { id: inRound } }));
    // Moving a registration out of the round is a change of the round too.
    await expectFrozen(t.prisma.registration.update({ where: { id: inRound }, data: { isoWeek: 12 } }));

    // The registration screen (create, and correct or undo the registrant's own) as of that day.
    await expectFrozen(createRegistration(t.prisma, registrant, screenInput(crypto.randomUUID()), at));
    await expectFrozen(correctRegistration(t.prisma, registrant, mine, { contactTypeCode: "STATUS" }, at));
    await expectFrozen(deleteRegistration(t.prisma, registrant, mine, "undo", at));
    // Mass registration and undoing a batch.
    await expectFrozen(
      createMassRegistration(t.prisma, coordinator, {
        unitId,
        direction: "IN",
        channelCode: "TLFIND",
        taskId: task.id,
        contactTypeCode: "INFO",
        closureCode: "STRAKS",
        form: "",
        when: "date",
        date: "2025-03-12",
        isoYear: "",
        isoWeek: "",
        quantity: "2",
      }),
    );
    await expectFrozen(undoMunicipalityBatch(t.prisma, coordinator, massBatch));

    // The file upload (through the import worker) and the ingestion API, through their route handlers.
    const csv = `kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n259;${TELEFON};23.05.10;TLFIND;INFO;STRAKS;;2025-03-13 10:00;5\r\n`;
    const uploaded = await uploadFile(
      await multipartRequest("/api/uploads?kommune=259", cookie, [
        { name: "fil", filename: "marts.csv", bytes: new TextEncoder().encode(csv) },
      ]),
      noParams,
    );
    expect(uploaded.status).toBe(409);
    expect((await uploaded.json()).error).toBe(APPROVED_ROUND_MESSAGE);
    const { secret } = await createApiToken(await t.koege(), { municipalityId: koege(), name: "Fagsystem", unitIds: [] });
    const api = await apiRegistrations(
      new Request("http://localhost/api/v1/registrations", {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${secret}` },
        body: JSON.stringify({
          registrations: [
            {
              id: crypto.randomUUID(),
              unit: TELEFON,
              task: "23.05.10",
              channelCode: "TLFIND",
              contactTypeCode: "INFO",
              closureCode: "STRAKS",
              occurredAt: "2025-03-14T10:00:00+01:00",
              quantity: 2,
            },
          ],
        }),
      }),
      noParams,
    );
    expect(api.status).toBe(409);
    expect(await snapshot()).toEqual(before);

    // Outside the round's weeks, and test registrations, stay free.
    await addRegistration(t.prisma, { municipalityId: koege(), unitId, occurredAt: danishInstant(new Date(Date.UTC(2025, 2, 17)), 10) });
    await addRegistration(t.prisma, { municipalityId: koege(), unitId, occurredAt: danishInstant(DAY, 13), isTest: true });
    // Another municipality in the same weeks is not frozen by Køge's approval.
    await addRegistration(t.prisma, {
      municipalityId: t.municipalityId(101),
      unitId: (await t.prisma.unit.findFirstOrThrow({ where: { municipalityId: t.municipalityId(101) } })).id,
      occurredAt: danishInstant(DAY, 10),
    });
  });

  it("reopens (audit-logged), after which corrections work again", async () => {
    await expect(reopenRound(await t.kbh(), { municipalityId: koege(), roundId })).rejects.toThrow("Kommunen findes ikke.");
    await reopenRound(await t.koege(), { municipalityId: koege(), roundId });
    expect(await t.prisma.auditEvent.count({ where: { action: "round.reopen", entityId: roundId } })).toBe(1);
    expect(await approvedMunicipalityIds(t.prisma, roundId)).toEqual([]);
    await t.prisma.registration.update({ where: { id: inRound }, data: { quantity: 4 } });
    expect((await t.prisma.registration.findUniqueOrThrow({ where: { id: inRound } })).quantity).toBe(4);
    await undoMunicipalityBatch(t.prisma, await actor("koordinator@koege.test"), massBatch);
  });
});

describe("approving with findings in Datakvalitet", () => {
  it("needs «Jeg har set fundene»: without it a Danish error and nothing changes; with it the audit event records the findings", async () => {
    const round = await t.prisma.countingRound.create({
      data: { code: "t-2024-11", name: "Runde med fund", startsOn: parseIsoDate("2024-03-11"), isoYear: 2024, firstWeek: 11, weekCount: 1 },
    });
    // Køge joins the week and registers nothing in it: every unit set up to count has a finding.
    await t.prisma.municipalityCountingWeek.create({ data: { municipalityId: koege(), roundId: round.id, isoYear: 2024, isoWeek: 11 } });
    const findings = await roundFindings(t.database.sql.query.bind(t.database.sql), koege(), round.id, new Date());
    expect(findings.map((f) => f.rule)).toContain("no-registrations");
    const before = { approvals: await t.prisma.roundApproval.count(), audit: await t.prisma.auditEvent.count() };
    for (const findingsSeen of [undefined, false]) {
      await expect(approveRound(await t.koege(), { municipalityId: koege(), roundId: round.id, findingsSeen })).rejects.toThrow(
        `Datakvalitet har ${findings.length} fund for «Runde med fund». Se fundene, og sæt kryds i «Jeg har set fundene», før du godkender.`,
      );
    }
    expect({ approvals: await t.prisma.roundApproval.count(), audit: await t.prisma.auditEvent.count() }).toEqual(before);

    const result = await approveRound(await t.koege(), { municipalityId: koege(), roundId: round.id, findingsSeen: true });
    expect(result).toEqual({ roundName: "Runde med fund", findings: findings.length });
    expect(await approvedMunicipalityIds(t.prisma, round.id)).toEqual([koege()]);
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "round.approve", entityId: round.id } });
    expect(event.after).toEqual({ round: "Runde med fund", findings: findings.length, findingsSeen: true });
  });

  it("without findings the checkbox is not needed, and the audit event says 0", async () => {
    const round = await t.prisma.countingRound.create({
      data: {
        code: "t-2023-11",
        name: "Runde uden fund",
        startsOn: parseIsoDate("2023-03-13"),
        isoYear: 2023,
        firstWeek: 11,
        weekCount: 1,
      },
    });
    await approveRound(await t.koege(), { municipalityId: koege(), roundId: round.id });
    const event = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "round.approve", entityId: round.id } });
    expect(event.after).toEqual({ round: "Runde uden fund", findings: 0, findingsSeen: false });
  });
});
