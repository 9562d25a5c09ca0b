import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as kle } from "@/app/api/kle/route";
import { POST as importFile } from "@/app/api/uploads/route";
import { POST as previewFile } from "@/app/api/uploads/preview/route";
import { POST as importUsers } from "@/app/api/users/import/route";
import { POST as downloadLinks } from "@/app/api/users/links/route";
import { parseCsv } from "@/lib/exchange/csv";
import { inspectToken } from "@/lib/users/link-tokens";
import { resetAuth } from "@/lib/auth/auth";
import { BODY_LIMITS } from "@/lib/http/limited-body";
import { DEMO_PASSWORD } from "@/lib/seed/demo";
import { adminTestDatabase } from "@/tests/helpers/admin";
import { multipartRequest, type Part } from "@/tests/helpers/multipart";
import { signInCookie } from "@/tests/helpers/sign-in";

// The upload route handlers called directly with real multipart requests and real session cookies,
// on a real database: what they answer, what they write, and what they refuse.

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
const cookies = new Map<string, string>();

beforeAll(async () => {
  t = await adminTestDatabase();
  resetAuth();
  for (const email of ["koordinator@koege.test", "koordinator@kbh.test", "national@spor.test"]) {
    cookies.set(email, await signInCookie(t.prisma, email, DEMO_PASSWORD));
  }
});
afterAll(async () => {
  resetAuth();
  await t.database.close();
});

const KOEGE = "koordinator@koege.test";
const KBH = "koordinator@kbh.test";
const NATIONAL = "national@spor.test";
const encoder = new TextEncoder();
const cp1252 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
const request = (url: string, who: string | null, parts: Part[], options?: { chunked?: boolean; declaredLength?: number }) =>
  multipartRequest(url, who ? cookies.get(who)! : null, parts, options);

const noParams = { params: Promise.resolve({}) };
const HEADER = "kommune;enhed;opgave;kanal;type;afslutning;blanket;dato;antal\r\n";
const GOOD = encoder.encode(
  HEADER + "259;Borgerservice;23.05.10;SLVBTJN;OPRET;STRAKS;NEJ;2026-10-19;412\r\n259;Borgerservice;23.05.10;WEB;;;;2026-10-19;1800\r\n",
);
const written = async () => ({ batches: await t.prisma.importBatch.count(), registrations: await t.prisma.registration.count() });

describe("data upload routes", () => {
  it("previews a file without writing, and lists every bad row with its line", async () => {
    const before = await written();
    const ok = await previewFile(
      await request("/api/uploads/preview", KOEGE, [{ name: "fil", filename: "okt.csv", bytes: GOOD }]),
      noParams,
    );
    expect(ok.status).toBe(200);
    const state = await ok.json();
    expect(state).toMatchObject({ status: "preview", summary: { rows: 2, totalQuantity: 2212 } });
    expect(state.summary.byChannel).toEqual([
      { code: "WEB", quantity: 1800 },
      { code: "SLVBTJN", quantity: 412 },
    ]);

    const bad = encoder.encode(
      HEADER +
        "259;Borgerservice;23.05.10;FAX;;;;2026-10-19;1\r\n259;Borgerservice;23.05.10;WEB;;;;2026-10-19;1\r\n259;Ukendt;23.05.10;WEB;;;;2026-10-19;1\r\n",
    );
    const refused = await previewFile(
      await request("/api/uploads/preview?kommune=259", KOEGE, [{ name: "fil", filename: "bad.csv", bytes: bad }]),
      noParams,
    );
    expect(refused.status).toBe(422);
    expect(await refused.json()).toMatchObject({
      status: "invalid",
      message: "Filen har 2 fejl. Intet er gemt.",
      errors: [
        { line: 2, message: 'Kanalen "FAX" findes ikke.' },
        { line: 4, message: 'Enheden "Ukendt" findes ikke i kommunen.' },
      ],
    });
    expect(await written()).toEqual(before);
  });

  it("imports a Windows-1252 file in the old template as one batch", async () => {
    const old = cp1252(
      "KommuneID,Enhed,KLE Opgave kode,Henvendelses Kanal,Henvendelses type,Afslutning,Blanket,Dato\r\n" +
        "259,Borgerservice,23.05.10,TLFIND,NULL,NULL,NULL,21-10-2025 09:00\r\n" +
        "259,Enhed på Ærø,23.05.10,WEB,NULL,NULL,NULL,21-10-2025 10:00\r\n",
    );
    const before = await written();
    const response = await importFile(
      await request("/api/uploads?kommune=259&opretEnheder=1", KOEGE, [{ name: "fil", filename: "gammel.csv", bytes: old }], {
        chunked: true,
      }),
      noParams,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "imported", message: "2 rækker med 2 henvendelser er indlæst." });
    expect(await written()).toEqual({ batches: before.batches + 1, registrations: before.registrations + 2 });
    const batch = await t.prisma.importBatch.findFirstOrThrow({
      where: { fileName: "gammel.csv" },
      select: { rowCount: true, kind: true, createdById: true },
    });
    expect(batch).toEqual({ rowCount: 2, kind: "UPLOAD", createdById: t.userId(KOEGE) });
    // æøå survived: the unit the file named was created with its Danish letters.
    expect(await t.prisma.unit.count({ where: { municipalityId: t.municipalityId(259), name: "Enhed på Ærø" } })).toBe(1);
  });

  it("previews rows outside the counting weeks with the round covering them; joins it, and imports the same rows again, only when asked", async () => {
    const old = encoder.encode(
      HEADER + "259;Borgerservice;23.05.10;WEB;;;;2013-10-29 10:00;30\r\n259;Borgerservice;23.05.10;WEB;;;;2013-11-19 10:00;5\r\n",
    );
    const parts = [{ name: "fil", filename: "2013.csv", bytes: old }];
    const preview = await (await previewFile(await request("/api/uploads/preview?kommune=259", KOEGE, parts), noParams)).json();
    expect(preview.summary.weeks.outside).toEqual({ rows: 2, quantity: 35 });
    expect(preview.summary.weeks.uncovered).toEqual({ rows: 1, quantity: 5 });
    expect(preview.summary.weeks.rounds).toMatchObject([{ code: "autumn-2013", rows: 1, quantity: 30 }]);
    // Week 44 has data; week 43, the round's first, is mandatory.
    expect(preview.summary.weeks.rounds[0].joinWeeks).toEqual([
      { isoYear: 2013, isoWeek: 43 },
      { isoYear: 2013, isoWeek: 44 },
    ]);
    expect(preview.summary.earlierImport).toBeNull();

    const imported = await importFile(await request("/api/uploads?kommune=259&tilmeldRunde=1", KOEGE, parts), noParams);
    expect(imported.status).toBe(200);
    expect((await imported.json()).message).toBe(
      "2 rækker med 35 henvendelser er indlæst. Kommunen deltager nu i runden «Efterår 2013» med uge 43 og 44 (2013).",
    );
    const weeks = await t.prisma.municipalityCountingWeek.findMany({
      where: { municipalityId: t.municipalityId(259), round: { code: "autumn-2013" } },
      select: { isoWeek: true },
    });
    expect(weeks.map((w) => w.isoWeek).sort()).toEqual([43, 44]);
    const flags = await t.prisma.registration.findMany({
      where: { batch: { fileName: "2013.csv" } },
      select: { quantity: true, inCountingWeek: true },
      orderBy: { quantity: "asc" },
    });
    expect(flags).toEqual([
      { quantity: 5, inCountingWeek: false },
      { quantity: 30, inCountingWeek: true },
    ]);

    const before = await written();
    const again = await importFile(
      await request("/api/uploads?kommune=259", KOEGE, [{ name: "fil", filename: "2013-igen.csv", bytes: old }]),
      noParams,
    );
    expect(again.status).toBe(409);
    const refused = await again.json();
    expect(refused).toMatchObject({ status: "invalid", summary: { earlierImport: { fileName: "2013.csv", rows: 2 } } });
    expect(refused.message).toMatch(/^Rækkerne i filen er indlæst før: «2013.csv» den .* Intet er gemt\./);
    expect(await written()).toEqual(before);
    const confirmed = await importFile(
      await request("/api/uploads?kommune=259&tilladDublet=1", KOEGE, [{ name: "fil", filename: "2013-igen.csv", bytes: old }]),
      noParams,
    );
    expect(confirmed.status).toBe(200);
    expect(await written()).toEqual({ batches: before.batches + 1, registrations: before.registrations + 2 });
  });

  it("refuses a body over the limit with 413, with and without Content-Length, and writes nothing", async () => {
    const before = await written();
    const declared = await importFile(
      await request("/api/uploads", KOEGE, [{ name: "fil", filename: "big.csv", bytes: GOOD }], { declaredLength: BODY_LIMITS.upload + 1 }),
      noParams,
    );
    expect(declared.status).toBe(413);
    expect((await declared.json()).error).toBe("Forespørgslen er for stor; grænsen er 20 MB.");

    // Chunked, no length announced: 21 MB in 64 kB pieces; the answer comes once the limit is crossed.
    let sent = 0;
    const filler = async function* () {
      const piece = new Uint8Array(64 * 1024).fill(0x41);
      for (let i = 0; i < 21 * 16; i++) {
        sent += piece.length;
        yield piece;
      }
    };
    const chunked = await importFile(
      await request(
        "/api/uploads",
        KOEGE,
        [
          { name: "vedhaeftning", filename: "fyld.bin", bytes: filler },
          { name: "fil", filename: "ok.csv", bytes: GOOD },
        ],
        { chunked: true },
      ),
      noParams,
    );
    expect(chunked.status).toBe(413);
    expect((await chunked.json()).error).toMatch(/for stor/);
    expect(sent).toBeLessThan(BODY_LIMITS.upload + 1024 * 1024);
    expect(await written()).toEqual(before);
  });

  it("answers a 10 MB file of one line with the line's number, having read only its start", async () => {
    let sent = 0;
    const oneLine = async function* () {
      yield encoder.encode(HEADER);
      const piece = encoder.encode("x".repeat(64 * 1024));
      for (let i = 0; i < 160; i++) {
        sent += piece.length;
        yield piece;
      }
    };
    const response = await previewFile(
      await request("/api/uploads/preview", KOEGE, [{ name: "fil", filename: "en-linje.csv", bytes: oneLine }], { chunked: true }),
      noParams,
    );
    expect(response.status).toBe(422);
    expect((await response.json()).message).toMatch(/^Linje 2 er for lang/);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });

  it("refuses a coordinator naming another municipality, and national staff, before reading the file", async () => {
    const before = await written();
    for (const [url, handler] of [
      ["/api/uploads/preview?kommune=101", previewFile],
      ["/api/uploads?kommune=101", importFile],
    ] as const) {
      const response = await handler(await request(url, KOEGE, [{ name: "fil", filename: "kbh.csv", bytes: GOOD }]), noParams);
      expect(response.status).toBe(403);
    }
    // København's coordinator cannot put rows into Køge by leaving the number out either: the rows name 259.
    const kbh = await importFile(await request("/api/uploads", KBH, [{ name: "fil", filename: "k.csv", bytes: GOOD }]), noParams);
    expect(kbh.status).toBe(422);
    expect((await kbh.json()).errors[0].message).toBe("Rækken er til kommune 259, ikke 101.");
    for (const handler of [previewFile, importFile]) {
      const response = await handler(
        await request("/api/uploads?kommune=259", NATIONAL, [{ name: "fil", filename: "n.csv", bytes: GOOD }]),
        noParams,
      );
      expect(response.status).toBe(403);
    }
    const anonymous = await importFile(
      await request("/api/uploads?kommune=259", null, [{ name: "fil", filename: "a.csv", bytes: GOOD }]),
      noParams,
    );
    expect(anonymous.status).toBe(401);
    expect(await written()).toEqual(before);
    expect(await t.prisma.auditEvent.count({ where: { action: "access.denied", entityId: "POST /api/uploads" } })).toBeGreaterThanOrEqual(
      2,
    );
  });
});

describe("user import route", () => {
  const list = (rows: string) => cp1252(`Navn;E-mail;Rolle;Enhed\r\n${rows}`);

  it("creates the users of a Windows-1252 list with æøå, and refuses another municipality's coordinator", async () => {
    const url = `/api/users/import?municipalityId=${t.municipalityId(259)}`;
    const other = await importUsers(
      await request(url, KBH, [{ name: "file", filename: "l.csv", bytes: list("Søs Ærø;soes@koege.test;medarbejder;Borgerservice\r\n") }]),
      noParams,
    );
    expect(other.status).toBe(403);
    expect(await t.prisma.user.count({ where: { email: "soes@koege.test" } })).toBe(0);

    const response = await importUsers(
      await request(url, KOEGE, [
        { name: "text", value: "" },
        { name: "file", filename: "liste.csv", bytes: list("Søs Ærø;soes@koege.test;medarbejder;Borgerservice\r\n") },
      ]),
      noParams,
    );
    expect(response.status).toBe(200);
    expect((await response.json()).ok).toMatch(/^1 brugere er oprettet\./);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { email: "soes@koege.test" }, select: { name: true } })).name).toBe("Søs Ærø");
  });

  it("reports every bad line and creates nobody; a pasted list works without a file", async () => {
    const url = `/api/users/import?municipalityId=${t.municipalityId(259)}`;
    const bad = await importUsers(
      await request(url, KOEGE, [
        {
          name: "file",
          filename: "l.csv",
          bytes: list("A;ikke-en-mail;medarbejder;Borgerservice\r\nB;b@koege.test;chef;Borgerservice\r\n"),
        },
      ]),
      noParams,
    );
    expect(bad.status).toBe(422);
    const state = await bad.json();
    expect(state.error).toBe("Ingen brugere blev oprettet: 2 linjer har fejl. Ret filen og prøv igen.");
    expect(state.problems).toEqual([
      'Linje 2: "ikke-en-mail" er ikke en gyldig e-mailadresse.',
      'Linje 3: ukendt rolle "chef" (brug medarbejder, enhedsansvarlig eller tovholder).',
    ]);
    expect(await t.prisma.user.count({ where: { email: "b@koege.test" } })).toBe(0);

    const pasted = await importUsers(
      await request(url, KOEGE, [{ name: "text", value: "Navn;E-mail;Rolle;Enhed\nPia;pia@koege.test;tovholder;" }]),
      noParams,
    );
    expect(pasted.status).toBe(200);
    expect(await t.prisma.user.count({ where: { email: "pia@koege.test" } })).toBe(1);
  });
});

describe("the one download of an import's activation links", () => {
  const json = (who: string, body: unknown) =>
    new Request("http://localhost:3000/api/users/links", {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000", host: "localhost:3000", cookie: cookies.get(who)! },
      body: JSON.stringify(body),
    });

  it("shows no link after an import without mail, gives them once as CSV, audit-logged without the links", async () => {
    delete process.env.SPOR_SMTP_URL;
    const url = `/api/users/import?municipalityId=${t.municipalityId(259)}`;
    const response = await importUsers(
      await request(url, KOEGE, [
        {
          name: "text",
          value: "Navn;E-mail;Rolle;Enhed\n=Lis Lund;lis@koege.test;medarbejder;Jobcenter\nBo Berg;bo@koege.test;tovholder;",
        },
      ]),
      noParams,
    );
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("/aktiver/");
    const state = JSON.parse(text);
    expect(state.secrets).toBeUndefined();
    expect(state.linkDownload.userIds).toHaveLength(2);
    const ticket = state.linkDownload;

    // Another municipality's coordinator is refused and nothing changes.
    const tokensBefore = await t.prisma.userToken.findMany({ where: { userId: { in: ticket.userIds } }, orderBy: { id: "asc" } });
    expect((await downloadLinks(json(KBH, ticket), noParams)).status).toBe(403);
    expect(await t.prisma.userToken.findMany({ where: { userId: { in: ticket.userIds } }, orderBy: { id: "asc" } })).toEqual(tokensBefore);

    const file = await downloadLinks(json(KOEGE, ticket), noParams);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="aktiveringslinks.csv"');
    expect(file.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows[0]).toEqual(["Navn", "E-mail", "Rolle", "Link", "Udløber"]);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      // A name a spreadsheet would run as a formula gets the apostrophe of every Spor file.
      ["'=Lis Lund", "lis@koege.test", "Medarbejder – Jobcenter"],
      ["Bo Berg", "bo@koege.test", "Tovholder"],
    ]);
    const links = rows.slice(1).map((r) => r[3]);
    for (const link of links) {
      expect(link).toMatch(/^http:\/\/localhost:\d+\/aktiver\/[A-Za-z0-9_-]{43}$/);
      expect((await inspectToken(t.prisma, link.split("/aktiver/")[1], new Date())).state).toBe("valid");
    }
    // The import's own tokens are void: one unused token per user, the download's.
    expect(await t.prisma.userToken.count({ where: { userId: { in: ticket.userIds }, usedAt: null } })).toBe(2);

    const audit = await t.prisma.auditEvent.findFirstOrThrow({ where: { action: "user.links.download" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorUserId: t.userId(KOEGE), municipalityId: t.municipalityId(259), after: { count: 2 } });
    const everyAudit = JSON.stringify(await t.prisma.auditEvent.findMany({ select: { before: true, after: true } }));
    for (const link of links) expect(everyAudit).not.toContain(link.split("/aktiver/")[1]);

    // Once: a second download is refused and makes no new link.
    const tokensAfter = await t.prisma.userToken.findMany({ where: { userId: { in: ticket.userIds } }, orderBy: { id: "asc" } });
    const again = await downloadLinks(json(KOEGE, ticket), noParams);
    expect(again.status).toBe(409);
    expect((await again.json()).error).toMatch(/kun hentes én gang/);
    expect(await t.prisma.userToken.findMany({ where: { userId: { in: ticket.userIds } }, orderBy: { id: "asc" } })).toEqual(tokensAfter);
  });
});

describe("KLE route", () => {
  const mini = fs.readFileSync(path.resolve(process.cwd(), "tests/fixtures/kle-mini.xml"));

  it("loads KLE for national staff only", async () => {
    const coordinator = await kle(await request("/api/kle", KOEGE, [{ name: "file", filename: "kle.xml", bytes: mini }]), noParams);
    expect(coordinator.status).toBe(403);
    expect(await t.prisma.task.count({ where: { source: "KLE" } })).toBe(0);
    const national = await kle(
      await request("/api/kle", NATIONAL, [{ name: "file", filename: "kle.xml", bytes: mini }], { chunked: true }),
      noParams,
    );
    expect(national.status).toBe(200);
    expect((await national.json()).ok).toMatch(
      /^KLE udgivet 2026-02-01 er indlæst: \d+ nye, \d+ opdaterede og \d+ uændrede \(3 hovedgrupper, 5 grupper, 9 emner\)\.$/,
    );
    expect(await t.prisma.task.count({ where: { source: "KLE" } })).toBe(17);
  });
});
