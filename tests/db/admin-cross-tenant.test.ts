import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AdminContext } from "@/lib/actions/context";
import {
  createNationalQuestion,
  createQuestion,
  setNationalQuestionUnits,
  setQuestionArchived,
  updateQuestion,
} from "@/lib/questions/questions";
import { startFromLastRound } from "@/lib/units/start-from-last-round";
import { disableUnitLogin, renewUnitLoginPassword, saveUnitLogin } from "@/lib/units/unit-login";
import {
  addObligatoryPackageTasks,
  addUnitTasks,
  copyFromUnit,
  deleteTestRegistrations,
  removeUnitTasks,
  resetUnitChannels,
  setUnitChannels,
  setUnitOptions,
} from "@/lib/units/setup";
import { importUsers } from "@/lib/users/import";
import { deactivateUser, inviteUser, issueUserLink, reactivateUser, updateUserAccess } from "@/lib/users/users";
import { archiveUnit, createUnit, deleteUnit, moveUnit, reactivateUnit, updateUnit } from "@/lib/units/tree";
import { addLocalPeriod, deleteLocalPeriod, setRoundWeeks } from "@/lib/counting/weeks";
import { addRegistration, adminTestDatabase, snapshotTables, taskId } from "@/tests/helpers/admin";

// Every administrative function, called by Køge's coordinator with København's ids (as a tampered
// form would send them), by national staff (read-only) and by a registrant, is refused and changes
// nothing at all.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const k: Record<string, string> = {};

beforeAll(async () => {
  t = await adminTestDatabase();
  const kbh = await t.kbh();
  const m = t.municipalityId(101);
  k.m = m;
  k.unit = await t.unitId(101, "Jobcenter");
  k.other = await t.unitId(101, "Teknik og Miljø");
  k.child = await t.unitId(101, "Borgerservice – Telefon");
  k.parent = await t.unitId(101, "Borgerservice");
  k.user = t.userId("medarbejder@kbh.test");
  k.task = await taskId(t.prisma, "23.09.02");
  k.fejl = await taskId(t.prisma, "23.05.10");
  k.package = (await t.prisma.taskPackage.findFirstOrThrow({ select: { id: true } })).id;
  k.round = (await t.prisma.countingRound.findUniqueOrThrow({ where: { code: "autumn-2013" } })).id;
  await saveUnitLogin(kbh, { municipalityId: m, unitId: k.unit, login: "jobcenter.101@enhed.spor" });
  k.period = (await addLocalPeriod(kbh, { municipalityId: m, name: "KBH lokal", startsOn: "2026-03-02", endsOn: "2026-03-06" })).id;
  k.question = (
    await createQuestion(kbh, { municipalityId: m, text: "KBH?", required: false, options: ["a", "b"], roundId: null, unitIds: [k.unit] })
  ).id;
  k.archived = (await createUnit(kbh, { municipalityId: m, name: "Arkiv", parentId: null, kind: "OTHER" })).id;
  await archiveUnit(kbh, { municipalityId: m, unitId: k.archived });
  await addRegistration(t.prisma, { municipalityId: m, unitId: k.unit, isTest: true });
  k.national = (
    await createNationalQuestion(await t.ctx("national@spor.test"), {
      text: "KL?",
      required: false,
      options: ["a", "b"],
      roundId: null,
      municipalityIds: [m],
    })
  ).id;
  k.koege = t.municipalityId(259);
  k.koegeUnit = await t.unitId(259, "Jobcenter");
});
afterAll(() => t.database.close());

/** Every function with the given municipality id and København's record ids. */
function calls(municipalityId: string): [string, (ctx: AdminContext) => Promise<unknown>][] {
  const u = { municipalityId, unitId: k.unit };
  return [
    ["createUnit", (c) => createUnit(c, { municipalityId, name: "Indbrud", parentId: k.parent, kind: "OTHER" })],
    ["updateUnit", (c) => updateUnit(c, { ...u, name: "Omdøbt", kind: "OTHER" })],
    ["moveUnit", (c) => moveUnit(c, { municipalityId, unitId: k.child, parentId: null })],
    ["archiveUnit", (c) => archiveUnit(c, u)],
    ["reactivateUnit", (c) => reactivateUnit(c, { municipalityId, unitId: k.archived })],
    ["deleteUnit", (c) => deleteUnit(c, { municipalityId, unitId: k.archived })],
    ["setUnitChannels", (c) => setUnitChannels(c, { ...u, channelCodes: ["PRSNLG"] })],
    ["resetUnitChannels", (c) => resetUnitChannels(c, u)],
    ["addUnitTasks", (c) => addUnitTasks(c, { ...u, taskIds: [k.task] })],
    ["addObligatoryPackageTasks", (c) => addObligatoryPackageTasks(c, { ...u, packageId: k.package })],
    ["removeUnitTasks", (c) => removeUnitTasks(c, { ...u, taskIds: [k.fejl] })],
    ["copyFromUnit", (c) => copyFromUnit(c, { ...u, sourceUnitId: k.other, channels: true, tasks: true, mode: "replace" })],
    [
      "copyFromUnit into own",
      (c) => copyFromUnit(c, { municipalityId, unitId: k.koegeUnit, sourceUnitId: k.other, channels: true, tasks: true, mode: "replace" }),
    ],
    ["setUnitOptions", (c) => setUnitOptions(c, { ...u, timeMeasurement: true, testMode: true })],
    ["deleteTestRegistrations", (c) => deleteTestRegistrations(c, u)],
    ["saveUnitLogin", (c) => saveUnitLogin(c, { ...u, login: "overtaget@enhed.spor" })],
    ["renewUnitLoginPassword", (c) => renewUnitLoginPassword(c, u)],
    ["disableUnitLogin", (c) => disableUnitLogin(c, u)],
    ["startFromLastRound", (c) => startFromLastRound(c, { municipalityId })],
    ["setRoundWeeks", (c) => setRoundWeeks(c, { municipalityId, roundId: k.round, weeks: ["2013-43"] })],
    ["addLocalPeriod", (c) => addLocalPeriod(c, { municipalityId, name: "x", startsOn: "2026-01-05", endsOn: "2026-01-09" })],
    ["deleteLocalPeriod", (c) => deleteLocalPeriod(c, { municipalityId, periodId: k.period })],
    ["inviteUser", (c) => inviteUser(c, { municipalityId, name: "X", email: "x@indbrud.test", role: "REGISTRANT", unitIds: [k.unit] })],
    ["updateUserAccess", (c) => updateUserAccess(c, { municipalityId, userId: k.user, role: "COORDINATOR", unitIds: [] })],
    ["issueUserLink", (c) => issueUserLink(c, { municipalityId, userId: k.user })],
    ["deactivateUser", (c) => deactivateUser(c, { municipalityId, userId: k.user })],
    ["reactivateUser", (c) => reactivateUser(c, { municipalityId, userId: k.user })],
    ["importUsers", (c) => importUsers(c, { municipalityId, text: "Navn;E-mail;Rolle;Enhed\nX;y@indbrud.test;medarbejder;Jobcenter" })],
    [
      "createQuestion",
      (c) => createQuestion(c, { municipalityId, text: "X", required: false, options: ["a", "b"], roundId: null, unitIds: [k.unit] }),
    ],
    [
      "updateQuestion",
      (c) =>
        updateQuestion(c, {
          municipalityId,
          questionId: k.question,
          text: "X",
          required: true,
          options: ["a", "b"],
          roundId: null,
          unitIds: [k.unit],
        }),
    ],
    ["setQuestionArchived", (c) => setQuestionArchived(c, { municipalityId, questionId: k.question, archived: true })],
    ["setNationalQuestionUnits", (c) => setNationalQuestionUnits(c, { municipalityId, questionId: k.national, unitIds: [k.unit] })],
  ];
}

describe("cross-tenant administration", () => {
  it("Køge's coordinator naming København is refused everywhere and nothing changes", async () => {
    const ctx = await t.koege();
    const before = await snapshotTables(t.prisma);
    for (const [name, call] of calls(k.m)) {
      await expect(call(ctx), name).rejects.toThrow(/adgang/);
    }
    expect(await snapshotTables(t.prisma)).toEqual(before);
  });

  it("Køge's coordinator naming Køge but København's records finds nothing and nothing changes", async () => {
    const ctx = await t.koege();
    const before = await snapshotTables(t.prisma);
    for (const [name, call] of calls(k.koege)) {
      // These name no record of another municipality (unit names in a CSV resolve within the named municipality).
      if (["createUnit", "startFromLastRound", "setRoundWeeks", "addLocalPeriod", "importUsers"].includes(name)) continue;
      await expect(call(ctx), name).rejects.toThrow(/findes ikke|ikke i kommunen|ikke talt/);
    }
    expect(await snapshotTables(t.prisma)).toEqual(before);
  });

  it("national staff only read municipalities' administration; a registrant and a unit lead change nothing", async () => {
    const before = await snapshotTables(t.prisma);
    for (const email of ["national@spor.test", "medarbejder@kbh.test", "leder@koege.test"]) {
      const ctx = await t.ctx(email);
      for (const [name, call] of calls(k.m)) await expect(call(ctx), `${email} ${name}`).rejects.toThrow(/adgang/);
    }
    await expect(
      createNationalQuestion(await t.kbh(), { text: "X", required: false, options: ["a", "b"], roundId: null, municipalityIds: [k.m] }),
    ).rejects.toThrow(/adgang/);
    expect(await snapshotTables(t.prisma)).toEqual(before);
  });
});
