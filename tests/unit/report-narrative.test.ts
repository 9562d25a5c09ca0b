import { describe, expect, it } from "vitest";
import { changeOf, changeSentence, type FigureChange, largestChanges } from "@/lib/reports/narrative";

// The management report's generated sentences, checked against the numbers they are made from.

const f = (label: string, kind: FigureChange["kind"], now: number | null, previous: number | null): FigureChange => ({ label, kind, now, previous, round: "Efterår 2026", previousRound: previous === null ? null : "Forår 2026" });

describe("change sentences", () => {
  it("states a share's rise in percentage points with the tables' rounding", () => {
    expect(changeSentence(f("Selvbetjeningsgraden", "share", 0.7234, 0.651))).toBe(
      "Selvbetjeningsgraden var 72,3\u00a0% i Efterår 2026 mod 65,1\u00a0% i Forår 2026: en stigning på 7,2 procentpoint.",
    );
    expect(changeOf(f("x", "share", 0.7234, 0.651))).toBe(7.2);
  });

  it("states a fall in a count with thousands separators", () => {
    expect(changeSentence(f("Antal henvendelser", "count", 12040, 13500))).toBe("Antal henvendelser var 12.040 i Efterår 2026 mod 13.500 i Forår 2026: et fald på 1.460.");
  });

  it("says when nothing changed, when there is nothing to compare with, and when there is no figure", () => {
    expect(changeSentence(f("Andel straksafsluttet", "share", 0.5, 0.5))).toBe("Andel straksafsluttet var 50,0\u00a0% i Efterår 2026, det samme som i Forår 2026.");
    expect(changeSentence(f("Andel med blanket", "share", 0.25, null))).toBe("Andel med blanket var 25,0\u00a0% i Efterår 2026. Der er ingen tidligere runde at sammenligne med.");
    expect(changeSentence(f("Selvbetjeningsgraden", "share", null, 0.4))).toBe("Selvbetjeningsgraden kan ikke opgøres for Efterår 2026: der er ingen henvendelser at regne på.");
  });
});

describe("the three largest changes", () => {
  it("ranks shares by points and counts by relative change, leaving out unchanged and missing figures", () => {
    const figures = [
      f("A", "share", 0.6, 0.5), // 10 points
      f("B", "share", 0.3, 0.32), // 2 points
      f("C", "count", 1500, 1000), // 50 %
      f("D", "share", 0.4, 0.4), // unchanged
      f("E", "share", null, 0.4), // missing
      f("F", "count", 990, 1000), // 1 %
    ];
    expect(largestChanges(figures).map((x) => x.label)).toEqual(["C", "A", "B"]);
  });
});
