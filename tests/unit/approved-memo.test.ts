import { describe, expect, it } from "vitest";
import { ApprovedMemo } from "@/lib/reports/approved-memo";

// The memo behind approved-only figures (lib/reports/approved-memo.ts): a value is served only under
// the fingerprint it was computed with, and the memo keeps a bounded number of figures.
describe("ApprovedMemo", () => {
  it("serves a value only for the fingerprint it was computed under", () => {
    const memo = new ApprovedMemo();
    memo.set("benchmark", "state-1", [1]);
    expect(memo.get("benchmark", "state-1")).toEqual({ value: [1] });
    expect(memo.get("benchmark", "state-2")).toBeUndefined();
    expect(memo.get("udvikling", "state-1")).toBeUndefined();
    memo.set("benchmark", "state-2", [2]);
    expect(memo.get("benchmark", "state-1")).toBeUndefined();
    expect(memo.get("benchmark", "state-2")).toEqual({ value: [2] });
  });

  it("forgets the least recently used figures beyond its limit", () => {
    const memo = new ApprovedMemo(3);
    for (const key of ["a", "b", "c"]) memo.set(key, "s", key);
    expect(memo.get("a", "s")).toEqual({ value: "a" }); // a is now the most recently used
    memo.set("d", "s", "d");
    expect(memo.get("b", "s")).toBeUndefined();
    expect(["a", "c", "d"].map((key) => memo.get(key, "s")?.value)).toEqual(["a", "c", "d"]);
  });
});
