import { describe, expect, it } from "vitest";
import { changeOf, changeSentence, comparisonSentence, type FigureChange, largestChanges, targetSentence } from "@/lib/reports/narrative";

// The management report's generated sentences, checked against the numbers they are made from.

const f = (label: string, kind: FigureChange["kind"], now: number | null, previous: number | null): FigureChange => ({
  label,
  kind,
  now,
  previous,
  round: "Efterår 2026",
  previousRound: previous === null ? null : "Forår 2026",
});

describe("change sentences", () => {
  it("states a share's rise in percentage points with the tables' rounding", () => {
    expect(changeSentence(f("Selvbetjeningsgraden", "share", 0.7234, 0.651))).toBe(
      "Selvbetjeningsgraden var 72,3\u00a0% i Efterår 2026 mod 65,1\u00a0% i Forår 2026: en stigning på 7,2 procentpoint.",
    );
    expect(changeOf(f("x", "share", 0.7234, 0.651))).toBe(7.2);
  });

  it("states a fall in a count with thousands separators", () => {
    expect(changeSentence(f("Antal henvendelser", "count", 12040, 13500))).toBe(
      "Antal henvendelser var 12.040 i Efterår 2026 mod 13.500 i Forår 2026: et fald på 1.460.",
    );
  });

  it("says when nothing changed, when there is nothing to compare with, and when there is no figure", () => {
    expect(changeSentence(f("Andel straksafsluttet", "share", 0.5, 0.5))).toBe(
      "Andel straksafsluttet var 50,0\u00a0% i Efterår 2026, det samme som i Forår 2026.",
    );
    expect(changeSentence(f("Andel med blanket", "share", 0.25, null))).toBe(
      "Andel med blanket var 25,0\u00a0% i Efterår 2026. Der er ingen tidligere runde at sammenligne med.",
    );
    expect(changeSentence(f("Selvbetjeningsgraden", "share", null, 0.4))).toBe(
      "Selvbetjeningsgraden kan ikke opgøres for Efterår 2026: der er ingen henvendelser at regne på.",
    );
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

describe("the target and the package against the national figure", () => {
  it("states the distance to the 80 % target in percentage points", () => {
    expect(targetSentence("Selvbetjeningsgraden", 0.6766, 0.8)).toBe(
      "Selvbetjeningsgraden er 67,7\u00a0%: 12,3 procentpoint under målet på 80\u00a0%.",
    );
    expect(targetSentence("Selvbetjeningsgraden", 0.85, 0.8)).toBe(
      "Selvbetjeningsgraden er 85,0\u00a0%: 5,0 procentpoint over målet på 80\u00a0%.",
    );
    expect(targetSentence("Selvbetjeningsgraden", 0.8, 0.8)).toBe("Selvbetjeningsgraden er 80,0\u00a0%, præcis målet på 80\u00a0%.");
    expect(targetSentence("Selvbetjeningsgraden", null, 0.8)).toContain("kan ikke holdes op mod målet");
  });

  it("counts the tasks above, below and level with the national figure, and those that cannot be compared", () => {
    const tasks = [
      { own: 0.7, national: 0.6 },
      { own: 0.5, national: 0.6 },
      { own: 0.6001, national: 0.6 }, // level to one decimal
      { own: 0.4, national: null }, // withheld
      { own: null, national: 0.5 }, // no transactions
    ];
    expect(comparisonSentence(tasks, "Pakke 2026")).toBe(
      "Pakke 2026 har 5 obligatoriske opgaver: 1 ligger over landsplan, 1 under og 1 på niveau. 2 opgaver kan ikke sammenlignes (ingen transaktioner eller for få kommuner).",
    );
  });
});
