import { describe, expect, it } from "vitest";
import { danishSlug, firstFreeCode } from "@/lib/slug";

describe("danishSlug", () => {
  it("spells æ, ø and å out and keeps only letters, digits and single dashes", () => {
    expect(danishSlug("Forår 2027", "x")).toBe("foraar-2027");
    expect(danishSlug("  Ældre & Sundhed – Øst ", "x")).toBe("aeldre-sundhed-oest");
    expect(danishSlug("Café Müller", "x")).toBe("cafe-muller");
    expect(danishSlug("!!!", "runde")).toBe("runde");
  });

  it("finds the first free code", () => {
    expect(firstFreeCode("foraar-2027", new Set())).toBe("foraar-2027");
    expect(firstFreeCode("foraar-2027", new Set(["foraar-2027", "foraar-2027-2"]))).toBe("foraar-2027-3");
  });
});
