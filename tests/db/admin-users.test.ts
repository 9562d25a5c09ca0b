import crypto from "node:crypto";
import { verifyPassword } from "better-auth/crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken, inspectToken, redeemToken, TOKEN_LIFETIME_MS } from "@/lib/users/link-tokens";
import { importUsers } from "@/lib/users/import";
import { deactivateUser, inviteUser, issueUserLink, reactivateUser, updateUserAccess } from "@/lib/users/users";
import { ProblemListError } from "@/lib/actions/form-state";
import { addSession, adminTestDatabase, snapshotTables } from "@/tests/helpers/admin";

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
beforeAll(async () => {
  t = await adminTestDatabase();
});
afterAll(() => t.database.close());

const M = () => t.municipalityId(259);
const PASSWORD = "en lang og god sætning";

async function passwordOf(userId: string) {
  return (await t.prisma.account.findFirst({ where: { userId, providerId: "credential" }, select: { password: true } }))?.password ?? null;
}

describe("invitations", () => {
  it("creates a user without a password, with the role and units, and a single-use link stored only as a hash", async () => {
    const ctx = await t.koege();
    const skranke = await t.unitId(259, "Borgerservice – Skranke");
    const link = await inviteUser(ctx, {
      municipalityId: M(),
      name: "Maja Jensen",
      email: "maja@koege.test",
      role: "REGISTRANT",
      unitIds: [skranke],
    });
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await passwordOf(link.userId)).toBeNull();
    const stored = await t.prisma.userToken.findFirstOrThrow({ where: { userId: link.userId } });
    expect(stored.tokenHash).toBe(hashToken(link.token));
    expect(JSON.stringify(stored)).not.toContain(link.token);
    expect(
      await t.prisma.membership.findMany({ where: { userId: link.userId }, select: { role: true, unitId: true, municipalityId: true } }),
    ).toEqual([{ role: "REGISTRANT", unitId: skranke, municipalityId: M() }]);
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.invite", entityId: link.userId } });
    expect(JSON.stringify({ ...audit, id: String(audit.id) })).not.toContain(link.token);

    // Activation sets the password; the link then refuses a second use.
    expect((await inspectToken(t.prisma, link.token, new Date())).state).toBe("valid");
    await redeemToken(t.prisma, { raw: link.token, password: PASSWORD });
    expect(await verifyPassword({ hash: (await passwordOf(link.userId))!, password: PASSWORD })).toBe(true);
    expect((await inspectToken(t.prisma, link.token, new Date())).state).toBe("used");
    await expect(redeemToken(t.prisma, { raw: link.token, password: "en helt anden adgangskode" })).rejects.toThrow(/allerede brugt/);
    expect(await verifyPassword({ hash: (await passwordOf(link.userId))!, password: PASSWORD })).toBe(true);
  });

  it("refuses an expired link and changes nothing", async () => {
    const ctx = await t.koege();
    const link = await inviteUser(ctx, {
      municipalityId: M(),
      name: "Sen Bruger",
      email: "sen@koege.test",
      role: "REGISTRANT",
      unitIds: [await t.unitId(259, "Jobcenter")],
    });
    const later = new Date(Date.now() + TOKEN_LIFETIME_MS.ACTIVATION + 1000);
    expect((await inspectToken(t.prisma, link.token, later)).state).toBe("expired");
    await expect(redeemToken(t.prisma, { raw: link.token, password: PASSWORD }, later)).rejects.toThrow(/udløbet/);
    expect(await passwordOf(link.userId)).toBeNull();
  });

  it("gives a new link that voids the old one; a reset link for an active user ends their sessions", async () => {
    const ctx = await t.koege();
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: "sen@koege.test" } });
    const first = (await t.prisma.userToken.findFirstOrThrow({ where: { userId: user.id } })).tokenHash;
    const again = await issueUserLink(ctx, { municipalityId: M(), userId: user.id });
    expect(again.purpose).toBe("ACTIVATION");
    expect(await t.prisma.userToken.count({ where: { tokenHash: first } })).toBe(0);
    await redeemToken(t.prisma, { raw: again.token, password: PASSWORD });

    await addSession(t.prisma, user.id);
    const reset = await issueUserLink(ctx, { municipalityId: M(), userId: user.id });
    expect(reset.purpose).toBe("PASSWORD_RESET");
    await redeemToken(t.prisma, { raw: reset.token, password: "ny adgangskode 2026" });
    expect(await t.prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await verifyPassword({ hash: (await passwordOf(user.id))!, password: "ny adgangskode 2026" })).toBe(true);
  });

  it("refuses an e-mail already in use, in the municipality or elsewhere", async () => {
    const ctx = await t.koege();
    const unitIds = [await t.unitId(259, "Jobcenter")];
    await expect(
      inviteUser(ctx, { municipalityId: M(), name: "X", email: "maja@koege.test", role: "REGISTRANT", unitIds }),
    ).rejects.toThrow(/allerede bruger i kommunen/);
    await expect(
      inviteUser(ctx, { municipalityId: M(), name: "X", email: "medarbejder@kbh.test", role: "REGISTRANT", unitIds }),
    ).rejects.toThrow(/bruges allerede af en bruger i Spor/);
  });

  it("an unknown, malformed or guessed token is invalid", async () => {
    expect((await inspectToken(t.prisma, "abc", new Date())).state).toBe("invalid");
    expect((await inspectToken(t.prisma, "A".repeat(43), new Date())).state).toBe("invalid");
  });
});

describe("roles, deactivation", () => {
  it("changes role and units; refuses units of another municipality", async () => {
    const ctx = await t.koege();
    const user = await t.prisma.user.findUniqueOrThrow({ where: { email: "maja@koege.test" } });
    const jobcenter = await t.unitId(259, "Jobcenter");
    await updateUserAccess(ctx, { municipalityId: M(), userId: user.id, role: "UNIT_LEAD", unitIds: [jobcenter] });
    expect(await t.prisma.membership.findMany({ where: { userId: user.id }, select: { role: true, unitId: true } })).toEqual([
      { role: "UNIT_LEAD", unitId: jobcenter },
    ]);
    const kbhUnit = await t.unitId(101, "Jobcenter");
    await expect(updateUserAccess(ctx, { municipalityId: M(), userId: user.id, role: "REGISTRANT", unitIds: [kbhUnit] })).rejects.toThrow(
      /findes ikke i kommunen/,
    );
    expect((await t.prisma.membership.findFirstOrThrow({ where: { userId: user.id } })).role).toBe("UNIT_LEAD");
    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.access", entityId: user.id } });
    expect(audit.before).toMatchObject({ memberships: [{ role: "REGISTRANT" }] });
    expect(audit.after).toMatchObject({ role: "UNIT_LEAD", unitIds: [jobcenter] });
  });

  it("deactivation ends every session at once and voids unused links; reactivation lets them in again", async () => {
    const ctx = await t.koege();
    const registrant = t.userId("medarbejder@koege.test");
    await addSession(t.prisma, registrant);
    await addSession(t.prisma, registrant);
    await issueUserLink(ctx, { municipalityId: M(), userId: registrant });
    await deactivateUser(ctx, { municipalityId: M(), userId: registrant });
    expect(await t.prisma.session.count({ where: { userId: registrant } })).toBe(0);
    expect(await t.prisma.userToken.count({ where: { userId: registrant, usedAt: null } })).toBe(0);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: registrant } })).deactivatedAt).not.toBeNull();
    await expect(issueUserLink(ctx, { municipalityId: M(), userId: registrant })).rejects.toThrow(/deaktiveret/);
    await reactivateUser(ctx, { municipalityId: M(), userId: registrant });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: registrant } })).deactivatedAt).toBeNull();
  });

  it("refuses to demote an activated peer coordinator (demote-then-reset would take the account over)", async () => {
    const koege = await t.koege();
    const jobcenter = await t.unitId(259, "Jobcenter");
    const coordinator = async (email: string, activated: boolean) => {
      const id = crypto.randomUUID();
      await t.prisma.user.create({ data: { id, email, name: email, kind: "PERSON", emailVerified: activated } });
      if (activated)
        await t.prisma.account.create({
          data: { id: crypto.randomUUID(), accountId: id, providerId: "credential", userId: id, password: "x" },
        });
      await t.prisma.membership.create({ data: { userId: id, role: "COORDINATOR", municipalityId: M(), unitId: null } });
      return id;
    };
    const peer = await coordinator("peer@koege.test", true);
    const auditBefore = await t.prisma.auditEvent.count({ where: { entityId: peer } });
    await expect(updateUserAccess(koege, { municipalityId: M(), userId: peer, role: "REGISTRANT", unitIds: [jobcenter] })).rejects.toThrow(
      /aktiveret tovholders rolle/,
    );
    expect(await t.prisma.membership.findMany({ where: { userId: peer }, select: { role: true } })).toEqual([{ role: "COORDINATOR" }]);
    expect(await t.prisma.auditEvent.count({ where: { entityId: peer } })).toBe(auditBefore);
    await expect(issueUserLink(koege, { municipalityId: M(), userId: peer })).rejects.toThrow();
    // A peer may still deactivate them; a coordinator who never activated may still be demoted.
    await deactivateUser(koege, { municipalityId: M(), userId: peer });
    const invited = await coordinator("invited@koege.test", false);
    await updateUserAccess(koege, { municipalityId: M(), userId: invited, role: "REGISTRANT", unitIds: [jobcenter] });
    expect(await t.prisma.membership.findMany({ where: { userId: invited }, select: { role: true } })).toEqual([{ role: "REGISTRANT" }]);
  });

  it("refuses to deactivate or change oneself, national staff or another municipality's users", async () => {
    const ctx = await t.koege();
    await expect(deactivateUser(ctx, { municipalityId: M(), userId: ctx.actorId })).rejects.toThrow(/dig selv/);
    await expect(
      updateUserAccess(ctx, { municipalityId: M(), userId: ctx.actorId, role: "REGISTRANT", unitIds: [await t.unitId(259, "Jobcenter")] }),
    ).rejects.toThrow(/egen rolle/);
    for (const email of ["national@spor.test", "medarbejder@kbh.test", "koordinator@kbh.test"]) {
      await expect(deactivateUser(ctx, { municipalityId: M(), userId: t.userId(email) }), email).rejects.toThrow(/findes ikke i kommunen/);
    }
  });
});

describe("CSV import", () => {
  it("reports every bad line by number and creates nobody", async () => {
    const ctx = await t.koege();
    const csv = [
      "Navn;E-mail;Rolle;Enhed",
      "Ida Holm;ida@koege.test;medarbejder;Borgerservice – Skranke",
      "Uden Mail;;medarbejder;Jobcenter",
      "Forkert Rolle;rolle@koege.test;chef;Jobcenter",
      "Ingen Enhed;ingen@koege.test;medarbejder;Findes Ikke",
      "Dobbelt;ida@koege.test;enhedsansvarlig;Jobcenter",
      "Tovholder Med Enhed;tov@koege.test;tovholder;Jobcenter",
      "Eksisterende;medarbejder@kbh.test;medarbejder;Jobcenter",
    ].join("\r\n");
    const before = await snapshotTables(t.prisma);
    const error = await importUsers(ctx, { municipalityId: M(), text: csv }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProblemListError);
    const problems = (error as ProblemListError).problems;
    expect(problems).toEqual([
      "Linje 3: e-mail mangler.",
      'Linje 4: ukendt rolle "chef" (brug medarbejder, enhedsansvarlig eller tovholder).',
      'Linje 5: enheden "Findes Ikke" findes ikke (eller er arkiveret).',
      "Linje 6: ida@koege.test står også i linje 2.",
      "Linje 7: en tovholder knyttes ikke til en enhed; lad Enhed være tom.",
      "Linje 8: medarbejder@kbh.test er allerede bruger i Spor.",
    ]);
    expect((error as Error).message).toMatch(/Ingen brugere blev oprettet: 6 linjer har fejl/);
    expect(await snapshotTables(t.prisma)).toEqual(before);
  });

  it("refuses a file without the right headers", async () => {
    const ctx = await t.koege();
    await expect(importUsers(ctx, { municipalityId: M(), text: "Fornavn;Mail\nA;b@c.dk" })).rejects.toThrow(
      /Linje 1: kolonnen Navn, Rolle, Enhed mangler/,
    );
    await expect(importUsers(ctx, { municipalityId: M(), text: "" })).rejects.toThrow(/tom/);
  });

  it("creates all users of a good file (comma or semicolon, quotes, several units, BOM), each with a link", async () => {
    const ctx = await t.koege();
    const csv =
      "\uFEFFnavn,e-mail,rolle,enhed\n" +
      '"Holm, Ida",IDA@koege.test,Medarbejder,Borgerservice – Skranke|Borgerservice – Telefon\n' +
      "Karl Berg,karl@koege.test,tovholder,\n" +
      "Lis Lund,lis@koege.test,enhedsansvarlig,Borgerservice / Borgerservice – Skranke\n";
    const links = await importUsers(ctx, { municipalityId: M(), text: csv });
    expect(links.map((l) => l.email)).toEqual(["ida@koege.test", "karl@koege.test", "lis@koege.test"]);
    const ida = await t.prisma.user.findUniqueOrThrow({
      where: { email: "ida@koege.test" },
      select: { name: true, memberships: { select: { role: true } } },
    });
    expect(ida.name).toBe("Holm, Ida");
    expect(ida.memberships).toHaveLength(2);
    expect(
      await t.prisma.membership.findFirst({ where: { user: { email: "karl@koege.test" } }, select: { role: true, unitId: true } }),
    ).toEqual({
      role: "COORDINATOR",
      unitId: null,
    });
    expect(await t.prisma.userToken.count({ where: { userId: { in: links.map((l) => l.userId) }, purpose: "ACTIVATION" } })).toBe(3);
  });
});
