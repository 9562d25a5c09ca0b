import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nudgeMails, sendNudgeMails } from "@/lib/coverage/nudge-mail";
import { adminTestDatabase } from "@/tests/helpers/admin";

// The coverage nudge by mail (lib/coverage/nudge-mail.ts): the morning after a day below the threshold,
// the unit's leads get the banner's sentences by mail, through a real SMTP server on loopback.

const NOW = new Date("2027-03-11T06:30:00Z"); // 07:30 in Denmark: yesterday is 10 March
let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let smtp: SMTPServer;
let smtpUrl = "";
const received: { to: string[]; data: string }[] = [];
const savedSmtp = process.env.SPOR_SMTP_URL;

beforeAll(async () => {
  t = await adminTestDatabase();
  const koege = t.municipalityId(259);
  const borgerservice = await t.unitId(259, "Borgerservice");
  const batch = await t.prisma.importBatch.create({ data: { municipalityId: koege, kind: "REFERENCE_UPLOAD", fileName: "puzzel.csv" } });
  const day = new Date("2027-03-10T00:00:00Z");
  await t.prisma.referenceCount.createMany({
    data: [
      // The unit's own count: 50 answered calls, no registrations that day → 0 %.
      { municipalityId: koege, unitId: borgerservice, day, channelCode: "TLFIND", kind: "ANSWERED_CALLS", count: 50, batchId: batch.id },
      // A municipality-wide count says nothing about one unit: no mail from it.
      { municipalityId: koege, unitId: null, day, channelCode: "PRSNLG", kind: "VISITS_SERVED", count: 90, batchId: batch.id },
    ],
  });
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk: Buffer) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (savedSmtp === undefined) delete process.env.SPOR_SMTP_URL;
  else process.env.SPOR_SMTP_URL = savedSmtp;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await t.database.close();
});

describe("coverage nudge mails", () => {
  it("writes one mail per lead of a unit below the threshold, with the banner's sentence and a link to Dækning", async () => {
    const mails = await nudgeMails(t.prisma, NOW);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe("leder@koege.test");
    expect(mails[0].subject).toBe("Dækning i går: Borgerservice");
    expect(mails[0].text).toContain("- I går blev 0 % af de besvarede opkald registreret.");
    expect(mails[0].text).toContain("Tærsklen er 80 %.");
    expect(mails[0].text).toMatch(/\/daekning\n/);
    // The day before has no counts: nothing.
    expect(await nudgeMails(t.prisma, new Date("2027-03-10T06:30:00Z"))).toEqual([]);
  });

  it("sends them through the configured SMTP server; without one, nothing is sent", async () => {
    delete process.env.SPOR_SMTP_URL;
    expect(await sendNudgeMails(t.prisma, NOW)).toEqual({ sent: 0, failed: 0 });
    expect(received).toHaveLength(0);
    process.env.SPOR_SMTP_URL = smtpUrl;
    expect(await sendNudgeMails(t.prisma, NOW)).toEqual({ sent: 1, failed: 0 });
    expect(received).toHaveLength(1);
    expect(received[0].to).toEqual(["leder@koege.test"]);
    expect(received[0].data).toMatch(/^Subject: =\?UTF-8\?Q\?D=C3=A6kning_i_g=C3=A5r=3A_Borgerservice\?=/m);
  });

  it("a unit at or above the threshold, or without an active lead, gets no mail", async () => {
    const koege = t.municipalityId(259);
    await t.prisma.municipality.update({ where: { id: koege }, data: { coverageThreshold: 0 } });
    expect(await nudgeMails(t.prisma, NOW)).toEqual([]);
    await t.prisma.municipality.update({ where: { id: koege }, data: { coverageThreshold: 80 } });
    await t.prisma.user.update({ where: { email: "leder@koege.test" }, data: { deactivatedAt: NOW } });
    expect(await nudgeMails(t.prisma, NOW)).toEqual([]);
  });
});
