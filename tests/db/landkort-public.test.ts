import crypto from "node:crypto";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as landkortRoute } from "@/app/api/landkort/route";
import { LandkortView } from "@/components/landkort/landkort-view";
import type { AdminContext } from "@/lib/actions/context";
import { instantAt, isoWeekOf, mondayOfIsoWeek, parseIsoDate } from "@/lib/counting/iso-week";
import type { SporDatabase } from "@/lib/database/open";
import { setDatabase } from "@/lib/db";
import { parseCsv } from "@/lib/exchange/csv";
import { KEY_FIGURES } from "@/lib/landkort/map";
import { CSV_HEADER } from "@/lib/landkort/open-data";
import { setLandkortPublication } from "@/lib/landkort/publication";
import { landkortData, landkortRounds, loadLandkort } from "@/lib/landkort/queries";
import { nationalFigures, publicContext } from "@/lib/reports/public-figures";
import { flushRollups } from "@/lib/reports/rollups";
import { createTestDatabase } from "@/tests/helpers/test-db";

// Det Digitale Landkort's public figures on crafted data, hand-computed, and the rule that an
// unpublished municipality's figures are reachable on no public URL: not in the page's HTML (every
// key figure), not in the CSV, not in the JSON. docs/method.md, "Det Digitale Landkort".

let database: SporDatabase;
let taskId: string;
const ids = new Map<number, string>();

/** Rows: [channel, contact type, quantity, in the counting week]. */
type Row = [string, string | null, number, boolean?];

async function addMunicipality(number: number, name: string, publish: boolean, rows: Row[]) {
  const p = database.prisma;
  const m = await p.municipality.create({ data: { number, name, publishLandkort: publish } });
  ids.set(number, m.id);
  const unit = await p.unit.create({ data: { municipalityId: m.id, name: "Borgerservice" } });
  const occurredAt = instantAt(parseIsoDate("2026-10-20"), 10, 0);
  await p.registration.createMany({
    data: rows.map(([channelCode, contactTypeCode, quantity, inWeek = true]) => ({
      id: crypto.randomUUID(),
      municipalityId: m.id,
      unitId: unit.id,
      taskId,
      channelCode,
      contactTypeCode,
      occurredAt,
      ...isoWeekOf(occurredAt),
      source: "MANUAL" as const,
      isTest: false,
      inCountingWeek: inWeek,
      quantity,
    })),
  });
  // Approved after its registrations (approval freezes them): national figures count approved
  // municipalities only (docs/method.md, "Godkendelse").
  const round = await p.countingRound.findUniqueOrThrow({ where: { code: "t-lk" }, select: { id: true } });
  await p.roundApproval.create({ data: { municipalityId: m.id, roundId: round.id } });
}

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  const p = database.prisma;
  taskId = (await p.task.create({ data: { number: "90.01.01", title: "Opgave", level: "EMNE", source: "KLE" } })).id;
  await p.countingRound.create({
    data: { code: "t-lk", name: "Efterår 2026", startsOn: mondayOfIsoWeek(2026, 43), isoYear: 2026, firstWeek: 43, weekCount: 3 },
  });
  // Køge, published: 60 inbound transactions, 30 self-service (50 %); digital 30 + 20 e-mail of 60 (83,3 %).
  // Five visits outside the counting week count nowhere.
  await addMunicipality(259, "Køge", true, [
    ["SLVBTJN", "OPRET", 30],
    ["PRSNLG", "OPRET", 10],
    ["EMLIND", "OPRET", 20],
    ["PRSNLG", "OPRET", 5, false],
  ]);
  // København, published: 160 of 200 self-service (80 %); 1000 web visits are contacts but no part of either share.
  await addMunicipality(101, "København", true, [
    ["TLFIND", "OPRET", 40],
    ["SLVBTJN", "OPRET", 160],
    ["WEB", null, 1000],
  ]);
  // Odense, NOT published: distinctive numbers that must appear nowhere public (777 of 1110 = 70,0 %).
  await addMunicipality(461, "Odense", false, [
    ["SLVBTJN", "OPRET", 777],
    ["PRSNLG", "OPRET", 333],
  ]);
  // Aarhus, published but did not count.
  await addMunicipality(751, "Aarhus", true, []);
});
afterAll(async () => {
  setDatabase(undefined);
  await database.close();
});

const query = () => database.sql.query.bind(database.sql);
const now = new Date("2026-12-01T12:00:00Z");

async function data() {
  const rounds = await landkortRounds(query(), now);
  return { rounds, data: (await landkortData(query(), "t-lk", rounds))! };
}

describe("public figures", () => {
  it("KL's national totals count every approved municipality that counted, published or not", async () => {
    const round = (await landkortRounds(query(), now)).find((r) => r.code === "t-lk")!;
    await flushRollups((text) => query()(text));
    const national = await nationalFigures(query(), publicContext(round));
    expect(national.withheld).toBe(false);
    expect(national.municipalities).toBe(3);
    expect(national.contacts).toBe(60 + 1200 + 1110);
    expect(national.selfServiceN).toBe(60 + 200 + 1110);
    expect(national.selfService).toBeCloseTo((30 + 160 + 777) / 1370, 10);
    expect(national.digitalN).toBe(60 + 200 + 1110);
    expect(national.digital).toBeCloseTo((50 + 160 + 777) / 1370, 10);
  });

  it("a published municipality's own figures, hand-computed", async () => {
    const byNumber = new Map((await data()).data.municipalities.map((m) => [m.number, m]));
    expect(byNumber.get(259)?.figures).toEqual({
      participated: true,
      contacts: 60,
      selfService: 0.5,
      selfServiceN: 60,
      digital: 50 / 60,
      digitalN: 60,
    });
    expect(byNumber.get(101)?.figures).toEqual({
      participated: true,
      contacts: 1200,
      selfService: 0.8,
      selfServiceN: 200,
      digital: 0.8,
      digitalN: 200,
    });
    expect(byNumber.get(751)?.figures).toEqual({
      participated: false,
      contacts: 0,
      selfService: null,
      selfServiceN: 0,
      digital: null,
      digitalN: 0,
    });
  });

  it("lists all 98 municipalities; one not in Spor and one unpublished have no figures", async () => {
    const { municipalities } = (await data()).data;
    expect(municipalities).toHaveLength(98);
    const odense = municipalities.find((m) => m.number === 461)!;
    expect(odense).toEqual({ number: 461, name: "Odense", published: false, figures: null });
    expect(municipalities.find((m) => m.number === 860)).toEqual({ number: 860, name: "Hjørring", published: false, figures: null });
  });

  it("an unknown round is not found", async () => {
    const rounds = await landkortRounds(query(), now);
    await expect(landkortData(query(), "ingen-runde", rounds)).rejects.toThrow("Siden findes ikke.");
  });
});

/** The page's visible text (tags stripped; map paths are attributes) and its accessible names. */
function pageOf(html: string) {
  const text = html.replace(/<[^>]+>/g, " ");
  const labels = [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]);
  return { text, labels };
}

const ODENSE_FIGURES = ["777", "333", "1.110", "1110", "70,0", "0,7"];

describe("nothing unpublished on a public URL", () => {
  it("the national totals are withheld while 1–4 counted municipalities are unpublished (totals minus the published would reveal them)", async () => {
    expect((await data()).data.national).toEqual({
      municipalities: 3,
      contacts: 0,
      selfService: null,
      selfServiceN: 0,
      digital: null,
      digitalN: 0,
      withheld: true,
    });
  });

  it("the page's HTML, for every key figure, shows Odense only as «ikke offentliggjort»", async () => {
    const { rounds, data: d } = await data();
    for (const figure of KEY_FIGURES) {
      const html = renderToStaticMarkup(createElement(LandkortView, { data: d, rounds, figure: figure.key }));
      const { text, labels } = pageOf(html);
      for (const value of [...ODENSE_FIGURES, "2.370", "1.370"]) expect(text, `${figure.key}: ${value}`).not.toContain(value);
      expect(text).toContain("Landstallene vises ikke for denne runde (for få kommuner)");
      expect(labels).toContain("Odense: ikke offentliggjort");
      expect(html).toMatch(/data-kommune="461"[^>]*aria-label="Odense: ikke offentliggjort"/);
      expect(html).toMatch(/id="kommune-461"[^]*?ikke offentliggjort/);
      // The published are shown with their figure, and the map has all 98 shapes.
      expect(html.match(/data-kommune="/g)).toHaveLength(98);
      if (figure.key === "selvbetjening") expect(labels).toContain("Køge: 50,0\u00a0%");
      if (figure.key === "deltagelse") expect(labels).toEqual(expect.arrayContaining(["Køge: deltog", "Aarhus: deltog ikke"]));
    }
  });

  it("the JSON and CSV downloads carry Odense's number, name and status only", async () => {
    const call = async (search: string) =>
      landkortRoute(new Request(`http://localhost/api/landkort?${search}`), { params: Promise.resolve({}) });
    const json = await (await call("runde=t-lk&format=json")).json();
    expect(json.schema).toBe("spor-landkort/1");
    expect(json.licence).toContain("DAGI");
    expect(json.national).toEqual({
      municipalities: 3,
      withheld: true,
      contacts: null,
      selfService: null,
      selfServiceN: null,
      digital: null,
      digitalN: null,
    });
    const odense = json.municipalities.find((m: { number: number }) => m.number === 461);
    expect(odense).toEqual({
      number: 461,
      name: "Odense",
      status: "ikke offentliggjort",
      participated: null,
      contacts: null,
      selfService: null,
      selfServiceN: null,
      digital: null,
      digitalN: null,
    });
    expect(json.municipalities.find((m: { number: number }) => m.number === 259)).toMatchObject({
      status: "offentliggjort",
      contacts: 60,
      selfService: 0.5,
      digital: 0.8333,
    });
    for (const value of ["777", "333", "1110", "2370", "1370"])
      expect(JSON.stringify(json)).not.toMatch(new RegExp(`[^0-9.]${value}[^0-9]`));

    const response = await call("runde=t-lk&format=csv");
    expect(response.headers.get("content-type")).toContain("text/csv");
    const csv = await response.text();
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(CSV_HEADER);
    expect(rows.find((r) => r[0] === "461")).toEqual(["461", "Odense", "ikke offentliggjort", "", "", "", "", "", ""]);
    expect(rows.find((r) => r[0] === "259")).toEqual(["259", "Køge", "offentliggjort", "JA", "60", "0,5", "60", "0,8333", "60"]);
    expect(rows.at(-1)).toEqual(["0", "Landsplan", "for få kommuner", "3", "", "", "", "", ""]);
    for (const value of ["777", "333", "1110", "2370", "1370"]) expect(csv).not.toMatch(new RegExp(`(^|;)${value}(;|\\r)`, "m"));
  });

  it("a bad format is a Danish 400", async () => {
    const response = await landkortRoute(new Request("http://localhost/api/landkort?format=pdf"), { params: Promise.resolve({}) });
    expect(response.status).toBe(400);
    expect((await response.json()).error).toContain("Ukendt format");
  });
});

describe("publishing", () => {
  it("a coordinator publishes and unpublishes; each change is audit-logged once; the map follows", async () => {
    const odense = ids.get(461)!;
    const coordinator = await database.prisma.user.create({
      data: { id: crypto.randomUUID(), email: `k-${crypto.randomUUID()}@odense.test`, name: "Koordinator" },
    });
    const ctx: AdminContext = {
      prisma: database.prisma,
      actorId: coordinator.id,
      access: { userId: coordinator.id, memberships: [{ role: "COORDINATOR", municipalityId: odense, unitId: null }], leadUnitIds: [] },
    };
    expect(await setLandkortPublication(ctx, { municipalityId: odense, publish: true })).toEqual({ changed: true });
    expect(await setLandkortPublication(ctx, { municipalityId: odense, publish: true })).toEqual({ changed: false });
    let shown = (await loadLandkort("t-lk", database.sql)).data!.municipalities.find((m) => m.number === 461)!;
    expect(shown.figures).toMatchObject({ contacts: 1110, selfService: 0.7 });
    await setLandkortPublication(ctx, { municipalityId: odense, publish: false });
    shown = (await loadLandkort("t-lk", database.sql)).data!.municipalities.find((m) => m.number === 461)!;
    expect(shown.figures).toBeNull();
    const events = await database.prisma.auditEvent.findMany({
      where: { municipalityId: odense },
      orderBy: [{ occurredAt: "asc" }, { id: "asc" }],
    });
    expect(events.map((e) => [e.action, e.after])).toEqual([
      ["landkort.publish", { publishLandkort: true }],
      ["landkort.unpublish", { publishLandkort: false }],
    ]);
  });

  it("another municipality's coordinator is refused and nothing changes", async () => {
    const ctx: AdminContext = {
      prisma: database.prisma,
      actorId: crypto.randomUUID(),
      access: { userId: "x", memberships: [{ role: "COORDINATOR", municipalityId: ids.get(259)!, unitId: null }], leadUnitIds: [] },
    };
    await expect(setLandkortPublication(ctx, { municipalityId: ids.get(461)!, publish: true })).rejects.toThrow();
    expect((await database.prisma.municipality.findUniqueOrThrow({ where: { id: ids.get(461)! } })).publishLandkort).toBe(false);
  });
});

describe("with five unpublished municipalities counted", () => {
  it("the national totals are shown, hand-computed, in the page data and the CSV", async () => {
    // Four more unpublished municipalities, each 10 self-service and 10 visits: 5 unpublished in all.
    for (const [number, name] of [
      [147, "Frederiksberg"],
      [151, "Ballerup"],
      [153, "Brøndby"],
      [155, "Dragør"],
    ] as const) {
      await addMunicipality(number, name, false, [
        ["SLVBTJN", "OPRET", 10],
        ["PRSNLG", "OPRET", 10],
      ]);
    }
    const { national } = (await data()).data;
    expect(national).toMatchObject({ withheld: false, municipalities: 7, contacts: 2370 + 80, selfServiceN: 1450, digitalN: 1450 });
    expect(national.selfService).toBeCloseTo((967 + 40) / 1450, 10);
    expect(national.digital).toBeCloseTo((987 + 40) / 1450, 10);
    const csv = await (
      await landkortRoute(new Request("http://localhost/api/landkort?runde=t-lk&format=csv"), { params: Promise.resolve({}) })
    ).text();
    const share = (v: number) => String(Math.round(v * 10000) / 10000).replace(".", ",");
    expect(parseCsv(csv).at(-1)).toEqual([
      "0",
      "Landsplan",
      "landsplan",
      "7",
      "2450",
      share(1007 / 1450),
      "1450",
      share(1027 / 1450),
      "1450",
    ]);
  });
});

// The figures are computed once per state of approvals, publication and setup (lib/landkort/memo.ts).
describe("served from memory until what the figures depend on changes", () => {
  const national = async () => (await loadLandkort("t-lk", database.sql)).data!.national;

  it("serves the same figures again without reading the rollups, and recomputes after a change in publication", async () => {
    const before = await national();
    // Behind the memo's back (no real path changes approved data): the memo does not see it …
    await database.sql.query(`UPDATE report_rollup_national_totals SET quantity = quantity + 1000 WHERE channel_code = 'SLVBTJN'`);
    await database.sql.query(`UPDATE report_rollup_totals SET quantity = quantity + 1000 WHERE channel_code = 'SLVBTJN'`);
    try {
      expect(await national()).toEqual(before);
      // … until a municipality publishes: then every figure is read anew.
      await database.prisma.municipality.update({ where: { id: ids.get(751)! }, data: { publishLandkort: false } });
      expect((await national()).contacts).toBeGreaterThan(before.contacts);
    } finally {
      await database.sql.query(`UPDATE report_rollup_national_totals SET quantity = quantity - 1000 WHERE channel_code = 'SLVBTJN'`);
      await database.sql.query(`UPDATE report_rollup_totals SET quantity = quantity - 1000 WHERE channel_code = 'SLVBTJN'`);
      await database.prisma.municipality.update({ where: { id: ids.get(751)! }, data: { publishLandkort: true } });
    }
    expect(await national()).toEqual(before);
  });

  it("follows a reopened round and its new approval", async () => {
    const before = await national();
    const round = await database.prisma.countingRound.findUniqueOrThrow({ where: { code: "t-lk" }, select: { id: true } });
    const key = { municipalityId_roundId: { municipalityId: ids.get(259)!, roundId: round.id } };
    await database.prisma.roundApproval.delete({ where: key });
    const reopened = await national();
    expect(reopened.municipalities).toBe(before.municipalities - 1);
    expect(reopened.contacts).toBe(before.contacts - 60);
    await database.prisma.roundApproval.create({ data: { municipalityId: ids.get(259)!, roundId: round.id } });
    expect(await national()).toEqual(before);
  });
});
