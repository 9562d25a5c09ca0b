import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { KleFormatError, parseKleEmneplan, type KleEntry } from "@/lib/tasks/kle-import";

const fixture = fs.readFileSync(path.resolve(process.cwd(), "tests/fixtures/kle-mini.xml"), "utf8");
const SHARED_KLE = path.resolve(process.cwd(), "../shared/data/kle/KLE-Emneplan_Version2-0_2015-08-01.xml");
const sharedExists = fs.existsSync(SHARED_KLE);

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const countByLevel = (entries: KleEntry[]) =>
  entries.reduce<Record<string, number>>((acc, e) => ({ ...acc, [e.level]: (acc[e.level] ?? 0) + 1 }), {});

describe("parseKleEmneplan on the fixture", () => {
  const plan = parseKleEmneplan(fixture);
  const byNumber = new Map(plan.entries.map((e) => [e.number, e]));

  it("reads the publication date and every level", () => {
    expect(plan.publishedOn).toBe("2026-02-01");
    expect(plan.entries).toHaveLength(17);
    expect(countByLevel(plan.entries)).toEqual({ HOVEDGRUPPE: 3, GRUPPE: 5, EMNE: 9 });
  });

  it("keeps document order (hierarchy order)", () => {
    expect(plan.entries.slice(0, 5).map((e) => e.number)).toEqual(["02", "02.34", "02.34.02", "02.34.04", "23"]);
  });

  it("decodes entities and normalises whitespace in titles", () => {
    expect(byNumber.get("02")?.title).toBe("Byggeri & bygninger");
    expect(byNumber.get("23.09.02")?.title).toBe("Pas og pasudstedelse");
    expect(byNumber.get("23.05.10")).toMatchObject({ title: "Anmeldelse af ny adresse", level: "EMNE" });
    expect(byNumber.get("23.05")).toMatchObject({ title: "Registrering af borgere", level: "GRUPPE" });
  });

  it("reads validity dates, including discontinued and moved entries", () => {
    expect(day(byNumber.get("02.34.02")!.validFrom)).toBe("2008-02-01");
    expect(byNumber.get("02.34.02")!.validTo).toBeNull();
    expect(day(byNumber.get("23.09.06")!.validTo)).toBe("2012-01-01");
    expect(day(byNumber.get("23.07")!.validTo)).toBe("2014-11-01");
    expect(day(byNumber.get("23.07.00")!.validTo)).toBe("2014-08-01");
    expect(plan.entries.filter((e) => e.validTo)).toHaveLength(3);
  });

  it("does not mistake a replacement number (AfloestAf) for an entry", () => {
    expect(plan.entries.filter((e) => e.number === "23.05.10")).toHaveLength(1);
  });

  it("rejects other documents", () => {
    expect(() => parseKleEmneplan("<foo><bar/></foo>")).toThrow(KleFormatError);
    expect(() => parseKleEmneplan("not xml at all <")).toThrow(KleFormatError);
    expect(() =>
      parseKleEmneplan(
        "<KLE-Emneplan><UdgivelsesDato>2026-02-01</UdgivelsesDato><Hovedgruppe><HovedgruppeNr>2</HovedgruppeNr></Hovedgruppe></KLE-Emneplan>",
      ),
    ).toThrow(/Ugyldigt nummer/);
  });
});

describe("parseKleEmneplan on KL's 2015-08-01 file", () => {
  it.skipIf(!sharedExists)("reads all 4,189 entries", () => {
    const plan = parseKleEmneplan(fs.readFileSync(SHARED_KLE, "utf8"));
    const byNumber = new Map(plan.entries.map((e) => [e.number, e]));
    expect(plan.publishedOn).toBe("2015-08-01");
    expect(plan.entries).toHaveLength(4189);
    expect(countByLevel(plan.entries)).toEqual({ HOVEDGRUPPE: 41, GRUPPE: 691, EMNE: 3457 });
    expect(new Set(plan.entries.map((e) => e.number)).size).toBe(4189);
    expect(byNumber.get("00")?.title).toBe("Kommunens styrelse");
    expect(byNumber.get("23.05.10")?.title).toBe("Flytteanmeldelse");
    expect(byNumber.get("02.34.02")?.title).toBe("Byggetilladelse");
    expect(byNumber.get("00.03.08")?.title).toBe("EU-interessevaretagelse");
    // 1,256 discontinued plus 281 moved entries end on a date.
    expect(plan.entries.filter((e) => e.validTo)).toHaveLength(1537);
    expect(day(byNumber.get("00.02.00")!.validTo)).toBe("2000-01-01");
    // KL's own package number is not in KLE.
    expect(byNumber.has("29.03.99")).toBe(false);
  });
});
