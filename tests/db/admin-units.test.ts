import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listAuditEvents } from "@/lib/audit/queries";
import { DEFAULT_CHANNELS } from "@/lib/units/default-channels";
import { saveUnitLogin } from "@/lib/units/unit-login";
import { archiveUnit, createUnit, deleteUnit, moveUnit, reactivateUnit, updateUnit } from "@/lib/units/tree";
import { addRegistration, addSession, adminTestDatabase, snapshotTables } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const M = () => t.municipalityId(259);

describe("unit tree", () => {
  it("creates a unit with the default channels for its kind and the Fejlhenvendelse task, audited", async () => {
    const ctx = await t.koege();
    const parentId = await t.unitId(259, "Borgerservice");
    const { id } = await createUnit(ctx, { municipalityId: M(), name: "Pas og kørekort", parentId, kind: "CITIZEN_SERVICE" });
    const unit = await t.prisma.unit.findUniqueOrThrow({
      where: { id },
      select: { parentId: true, channels: { select: { channelCode: true } }, tasks: { select: { task: { select: { number: true } } } } },
    });
    expect(unit.parentId).toBe(parentId);
    expect(unit.channels.map((c) => c.channelCode).sort()).toEqual([...DEFAULT_CHANNELS.CITIZEN_SERVICE].sort());
    expect(unit.tasks.map((x) => x.task.number)).toEqual(["FEJL"]);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "unit.create", entityId: id } });
    expect(audit.actorUserId).toBe(ctx.actorId);
    expect(audit.municipalityId).toBe(M());
    expect(audit.after).toMatchObject({ name: "Pas og kørekort", parentId });
  });

  it("refuses a duplicate name under the same parent (ignoring case and spaces) and changes nothing", async () => {
    const ctx = await t.koege();
    const parentId = await t.unitId(259, "Borgerservice");
    const before = await snapshotTables(t.prisma);
    await expect(createUnit(ctx, { municipalityId: M(), name: "  borgerservice – SKRANKE ", parentId, kind: "OTHER" })).rejects.toThrow(
      /Der findes allerede en enhed med navnet "Borgerservice – Skranke" under "Borgerservice"/,
    );
    expect(await snapshotTables(t.prisma)).toEqual(before);
    // The same name elsewhere in the tree is fine.
    await expect(
      createUnit(ctx, { municipalityId: M(), name: "Borgerservice – Skranke", parentId: null, kind: "OTHER" }),
    ).resolves.toBeTruthy();
  });

  it("refuses a rename to a sibling's name", async () => {
    const ctx = await t.koege();
    const telefon = await t.unitId(259, "Borgerservice – Telefon");
    await expect(
      updateUnit(ctx, { municipalityId: M(), unitId: telefon, name: "Borgerservice – Skranke", kind: "CITIZEN_SERVICE" }),
    ).rejects.toThrow(/allerede en enhed/);
    await updateUnit(ctx, { municipalityId: M(), unitId: telefon, name: "Borgerservice – Telefon og chat", kind: "CITIZEN_SERVICE" });
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "unit.update", entityId: telefon } });
    expect(audit.before).toMatchObject({ name: "Borgerservice – Telefon" });
    expect(audit.after).toMatchObject({ name: "Borgerservice – Telefon og chat" });
    await updateUnit(ctx, { municipalityId: M(), unitId: telefon, name: "Borgerservice – Telefon", kind: "CITIZEN_SERVICE" });
  });

  it("refuses a move that would make a cycle, and moves otherwise", async () => {
    const ctx = await t.koege();
    const parent = await t.unitId(259, "Borgerservice");
    const child = await t.unitId(259, "Borgerservice – Telefon");
    await expect(moveUnit(ctx, { municipalityId: M(), unitId: parent, parentId: child })).rejects.toThrow(/ind under sig selv/);
    await expect(moveUnit(ctx, { municipalityId: M(), unitId: parent, parentId: parent })).rejects.toThrow(/ind under sig selv/);
    const jobcenter = await t.unitId(259, "Jobcenter");
    await moveUnit(ctx, { municipalityId: M(), unitId: child, parentId: jobcenter });
    expect((await t.prisma.unit.findUniqueOrThrow({ where: { id: child } })).parentId).toBe(jobcenter);
    await moveUnit(ctx, { municipalityId: M(), unitId: child, parentId: parent });
    expect(await t.prisma.auditEvent.count({ where: { action: "unit.move", entityId: child } })).toBe(2);
  });

  it("refuses to delete a unit with registrations, archives it instead with its subtree and unit login", async () => {
    const ctx = await t.koege();
    const { id } = await createUnit(ctx, { municipalityId: M(), name: "Ydelser", parentId: null, kind: "SOCIAL" });
    const { id: childId } = await createUnit(ctx, { municipalityId: M(), name: "Ydelser – Skranke", parentId: id, kind: "SOCIAL" });
    await addRegistration(t.prisma, { municipalityId: M(), unitId: id });
    await expect(deleteUnit(ctx, { municipalityId: M(), unitId: id })).rejects.toThrow(/kan ikke slettes\. Arkivér/);
    await saveUnitLogin(ctx, { municipalityId: M(), unitId: childId, login: "ydelser.259@enhed.spor" });
    const login = await t.prisma.user.findUniqueOrThrow({ where: { email: "ydelser.259@enhed.spor" } });
    await addSession(t.prisma, login.id);

    const { archived } = await archiveUnit(ctx, { municipalityId: M(), unitId: id });
    expect(archived).toBe(2);
    const units = await t.prisma.unit.findMany({ where: { id: { in: [id, childId] } }, select: { archivedAt: true } });
    expect(units.every((u) => u.archivedAt)).toBe(true);
    expect(await t.prisma.registration.count({ where: { unitId: id } })).toBe(1);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: login.id } })).deactivatedAt).not.toBeNull();
    expect(await t.prisma.session.count({ where: { userId: login.id } })).toBe(0);

    // A child cannot come back before its parent.
    await expect(reactivateUnit(ctx, { municipalityId: M(), unitId: childId })).rejects.toThrow(/Genaktivér først/);
    await reactivateUnit(ctx, { municipalityId: M(), unitId: id });
    await reactivateUnit(ctx, { municipalityId: M(), unitId: childId });
  });

  it("deletes a unit without registrations, children or people", async () => {
    const ctx = await t.koege();
    const { id } = await createUnit(ctx, { municipalityId: M(), name: "Midlertidig", parentId: null, kind: "OTHER" });
    const { id: child } = await createUnit(ctx, { municipalityId: M(), name: "Under", parentId: id, kind: "OTHER" });
    await expect(deleteUnit(ctx, { municipalityId: M(), unitId: id })).rejects.toThrow(/har underenheder/);
    await deleteUnit(ctx, { municipalityId: M(), unitId: child });
    await deleteUnit(ctx, { municipalityId: M(), unitId: id });
    expect(await t.prisma.unit.count({ where: { id: { in: [id, child] } } })).toBe(0);
    // The audit log keeps the deleted unit's event.
    expect(await t.prisma.auditEvent.count({ where: { action: "unit.delete", entityId: id } })).toBe(1);
  });

  it("refuses to delete a unit that people belong to", async () => {
    const ctx = await t.koege();
    await expect(deleteUnit(ctx, { municipalityId: M(), unitId: await t.unitId(259, "Borgerservice") })).rejects.toThrow(
      /registreringer|underenheder|brugere/,
    );
  });

  it("lists the audit log filtered by unit and by user", async () => {
    const ctx = await t.koege();
    const jobcenter = await t.unitId(259, "Jobcenter");
    const all = await listAuditEvents(t.prisma, { municipalityId: M() });
    expect(all.total).toBeGreaterThan(5);
    const byUnit = await listAuditEvents(t.prisma, { municipalityId: M(), unitId: jobcenter });
    expect(byUnit.events.length).toBe(0);
    await updateUnit(ctx, { municipalityId: M(), unitId: jobcenter, name: "Jobcenter Køge", kind: "JOB_CENTRE" });
    const after = await listAuditEvents(t.prisma, { municipalityId: M(), unitId: jobcenter });
    expect(after.events.map((e) => e.action)).toEqual(["Enhed omdøbt eller ændret type"]);
    expect(after.events[0].actor).toBe("Anders Holm");
    const byUser = await listAuditEvents(t.prisma, { municipalityId: M(), actorUserId: t.userId("leder@koege.test") });
    expect(byUser.total).toBe(0);
    expect((await listAuditEvents(t.prisma, { municipalityId: M(), actorUserId: ctx.actorId })).total).toBe(all.total + 1);
    // Another municipality's log does not contain Køge's events.
    expect((await listAuditEvents(t.prisma, { municipalityId: t.municipalityId(101) })).total).toBe(0);
  });

  it("the audit log cannot be changed", async () => {
    await expect(t.prisma.auditEvent.deleteMany({})).rejects.toThrow();
  });
});
