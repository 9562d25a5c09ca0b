import { describe, expect, it } from "vitest";
import { LANDKORT_MAP, MAP_MUNICIPALITIES, SHARE_CLASSES, shareClass } from "@/lib/landkort/map";

// The committed map (lib/landkort/geo/map.json, built from DAGI) against the reference list of
// municipalities, and the legend's classes.

describe("Det Digitale Landkort's map", () => {
  it("has one shape for each of the 98 municipalities, with the reference list's number", () => {
    expect(LANDKORT_MAP.municipalities.map((m) => m.number)).toEqual(MAP_MUNICIPALITIES.map((m) => m.number));
    for (const shape of LANDKORT_MAP.municipalities) expect(shape.d, String(shape.number)).toMatch(/^M[\d. L]+Z(M[\d. L]+Z)*$/);
  });

  it("puts a share in its 20-point class, 80 % and above in the last", () => {
    expect([0, 0.199, 0.2, 0.5999, 0.6, 0.7999, 0.8, 1].map((v) => shareClass(v).label)).toEqual([
      "0–19 %",
      "0–19 %",
      "20–39 %",
      "40–59 %",
      "60–79 %",
      "60–79 %",
      "80–100 %",
      "80–100 %",
    ]);
    expect(SHARE_CLASSES).toHaveLength(5);
  });
});
