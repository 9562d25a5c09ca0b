import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setRoundWeeks } from "@/lib/counting/weeks";
import { createRound, deleteRound, roundSchema, updateRound } from "@/lib/counting/rounds";
import { loadNationalLog } from "@/lib/audit/queries";
import { setDatabase } from "@/lib/db";
import type { ReportContext } from "@/lib/reports/context";
import { nationalBasisNote } from "@/lib/reports/national-basis";
import { adminTestDatabase } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
  setDatabase(t.database);
});
afterAll(async () => {
  setDatabase(undefined);
  await t.database.close();
});

const national = () => t.ctx("national@spor.test");
const input = (over: Partial<Record<string, unknown>> = {}) =>
  roundSchema.parse({ name: "Forår 2031", isoYear: "2031", firstWeek: "17", weekCount: "3", packageId: "", ...over });
const audit = (entityId: string) =>
  t.prisma.auditEvent.findMany({ where: { entityId }, orderBy: { id: "asc" }, select: { action: true, municipalityId: true } });

describe("national counting rounds", () => {
  it("KL creates a round with its Monday, weeks, package and a code, audit-logged", async () => {
    const pkg = await t.prisma.taskPackage.findFirstOrThrow({ select: { id: true } });
    const { id, code } = await createRound(await national(), input({ packageId: pkg.id }));
    const row = await t.prisma.countingRound.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ name: "Forår 2031", code: "foraar-2031", isoYear: 2031, firstWeek: 17, weekCount: 3, packageId: pkg.id });
    expect(row.startsOn.toISOString().slice(0, 10)).toBe("2031-04-21"); // Monday of ISO week 17, 2031
    expect(code).toBe("foraar-2031");
    expect(await audit(id)).toEqual([{ action: "round.create", municipalityId: null }]);
  });

  it("coordinators cannot create, change or delete national rounds", async () => {
    const before = await t.prisma.countingRound.count();
    const round = await t.prisma.countingRound.findFirstOrThrow({ where: { code: "foraar-2031" } });
    for (const ctx of [await t.koege(), await t.ctx("medarbejder@koege.test")]) {
      await expect(createRound(ctx, input({ name: "Efterår 2031", firstWeek: "43" }))).rejects.toThrow(/Kun KL/);
      await expect(updateRound(ctx, round.id, input({ name: "Ændret" }))).rejects.toThrow(/Kun KL/);
      await expect(deleteRound(ctx, round.id)).rejects.toThrow(/Kun KL/);
    }
    expect(await t.prisma.countingRound.count()).toBe(before);
    expect((await t.prisma.countingRound.findUniqueOrThrow({ where: { id: round.id } })).name).toBe("Forår 2031");
  });

  it("refuses overlapping weeks, impossible weeks and bad input with Danish messages, storing nothing", async () => {
    const before = await t.prisma.countingRound.count();
    await expect(createRound(await national(), input({ name: "Dublet", firstWeek: "19" }))).rejects.toThrow(
      "Runden overlapper Forår 2031 i uge 19 2031. To nationale runder kan ikke ligge i samme uge.",
    );
    // Efterår 2013 (weeks 43–45) is a seeded historical round.
    await expect(
      createRound(await national(), input({ name: "Oven i 2013", isoYear: "2013", firstWeek: "45", weekCount: "1" })),
    ).rejects.toThrow(/overlapper Efterår 2013/);
    expect(
      roundSchema.safeParse({ name: "", isoYear: "2031", firstWeek: "17", weekCount: "3", packageId: "" }).error?.issues[0].message,
    ).toMatch(/Giv runden et navn/);
    expect(
      roundSchema.safeParse({ name: "X", isoYear: "2031", firstWeek: "53", weekCount: "1", packageId: "" }).error?.issues[0].message,
    ).toBe("Året har ikke så mange uger.");
    expect(roundSchema.safeParse({ name: "X", isoYear: "2031", firstWeek: "10", weekCount: "4", packageId: "" }).success).toBe(false);
    await expect(
      createRound(await national(), input({ name: "Ukendt pakke", firstWeek: "30", packageId: crypto.randomUUID() })),
    ).rejects.toThrow("Opgavepakken findes ikke.");
    expect(await t.prisma.countingRound.count()).toBe(before);
  });

  it("a round that spans New Year is stored with its own ISO year and checked across it", async () => {
    const { id } = await createRound(await national(), input({ name: "Vinter 2032", isoYear: "2032", firstWeek: "52", weekCount: "3" }));
    // 2032 has 53 ISO weeks: 52, 53 and week 1 of 2033.
    await expect(
      createRound(await national(), input({ name: "Januar 2033", isoYear: "2033", firstWeek: "1", weekCount: "1" })),
    ).rejects.toThrow(/overlapper Vinter 2032 i uge 1 2033/);
    await deleteRound(await national(), id);
  });

  it("weeks are fixed once a municipality has chosen weeks; name and package can still be corrected", async () => {
    const ctx = await national();
    const round = await t.prisma.countingRound.findFirstOrThrow({ where: { code: "foraar-2031" } });
    await updateRound(ctx, round.id, input({ firstWeek: "18" }));
    expect((await t.prisma.countingRound.findUniqueOrThrow({ where: { id: round.id } })).firstWeek).toBe(18);

    await setRoundWeeks(await t.koege(), { municipalityId: t.municipalityId(259), roundId: round.id, weeks: ["2031-18"] });
    await expect(updateRound(ctx, round.id, input({ firstWeek: "17" }))).rejects.toThrow(
      /Ugerne kan ikke ændres, fordi kommuner allerede har valgt uger i Forår 2031/,
    );
    await updateRound(ctx, round.id, input({ name: "Forår 2031 (rettet)", firstWeek: "18" }));
    const row = await t.prisma.countingRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(row).toMatchObject({ name: "Forår 2031 (rettet)", firstWeek: 18, code: "foraar-2031" });
    expect((await audit(round.id)).map((a) => a.action)).toEqual(["round.create", "round.update", "weeks.round.set", "round.update"]);

    await expect(deleteRound(ctx, round.id)).rejects.toThrow(/kan ikke slettes, fordi kommuner bruger den/);
    expect(await t.prisma.countingRound.count({ where: { id: round.id } })).toBe(1);
  });

  it("deletes a round nobody uses, audit-logged; unknown ids are refused plainly", async () => {
    const ctx = await national();
    const { id } = await createRound(ctx, input({ name: "Efterår 2031", firstWeek: "43" }));
    expect((await createRound(ctx, input({ name: "Efterår 2031", isoYear: "2034", firstWeek: "43" }))).code).toBe("efteraar-2031-2");
    expect(await deleteRound(ctx, id)).toEqual({ name: "Efterår 2031" });
    expect(await t.prisma.countingRound.count({ where: { id } })).toBe(0);
    expect((await audit(id)).map((a) => a.action)).toEqual(["round.create", "round.delete"]);
    await expect(deleteRound(ctx, "not-a-uuid")).rejects.toThrow("Tællerunden findes ikke.");
    await expect(updateRound(ctx, crypto.randomUUID(), input())).rejects.toThrow("Tællerunden findes ikke.");
  });

  it("KL's log shows KL's changes newest first, labelled in Danish; only national staff read it", async () => {
    const ctx = await national();
    const log = await loadNationalLog(ctx.access);
    expect(log.slice(0, 2).map((e) => e.action)).toEqual(["National tællerunde slettet", "National tællerunde oprettet"]);
    expect(log[0].actor).not.toBe("System (kommandolinjen)");
    await expect(loadNationalLog((await t.koege()).access)).rejects.toThrow();
  });

  it("KL sets the round's minimum of approved municipalities; the national basis note follows it; bad values change nothing", async () => {
    const { id } = await createRound(await national(), input({ name: "Efterår 2033", isoYear: "2033", firstWeek: "43" }));
    expect((await t.prisma.countingRound.findUniqueOrThrow({ where: { id } })).minApprovedMunicipalities).toBe(15);
    await updateRound(
      await national(),
      id,
      input({ name: "Efterår 2033", isoYear: "2033", firstWeek: "43", minApprovedMunicipalities: "1" }),
    );
    expect((await t.prisma.countingRound.findUniqueOrThrow({ where: { id } })).minApprovedMunicipalities).toBe(1);
    const update = await t.prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: "round.update" }, orderBy: { id: "desc" } });
    expect(update.before).toMatchObject({ minimum: 15 });
    expect(update.after).toMatchObject({ minimum: 1 });
    // A form without the field (or the CLI) keeps it.
    await updateRound(await national(), id, input({ name: "Efterår 2033 (rettet)", isoYear: "2033", firstWeek: "43" }));
    expect((await t.prisma.countingRound.findUniqueOrThrow({ where: { id } })).minApprovedMunicipalities).toBe(1);

    // The note under national figures: one approval against the minimum of 1 is not "foreløbige"; against 2 it is.
    const koege = (await t.prisma.municipality.findUniqueOrThrow({ where: { number: 259 } })).id;
    await t.prisma.roundApproval.create({ data: { municipalityId: koege, roundId: id } });
    const round = { id, name: "Efterår 2033 (rettet)" } as unknown as NonNullable<ReportContext["round"]>;
    const note = () => nationalBasisNote(t.database.sql.query.bind(t.database.sql), { round } as ReportContext);
    expect(await note()).toBe(
      "Landstal bygger kun på kommuner, der har godkendt deres data for «Efterår 2033 (rettet)»: 1 kommune. KL's minimum er 1.",
    );
    await updateRound(
      await national(),
      id,
      input({ name: "Efterår 2033 (rettet)", isoYear: "2033", firstWeek: "43", minApprovedMunicipalities: "2" }),
    );
    expect(await note()).toContain("Det er under KL's minimum på 2, så landstallene er foreløbige.");

    for (const bad of ["0", "99", "2.5", "mange"]) {
      const parsed = roundSchema.safeParse({
        name: "X",
        isoYear: "2033",
        firstWeek: "43",
        weekCount: "1",
        packageId: "",
        minApprovedMunicipalities: bad,
      });
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0].message).toMatch(/Minimum skal være mellem 1 og 98|Skriv minimum som et (helt )?tal/);
    }
    expect((await t.prisma.countingRound.findUniqueOrThrow({ where: { id } })).minApprovedMunicipalities).toBe(2);
  });
});
