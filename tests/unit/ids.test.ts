import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { idSchema, isId } from "@/lib/ids";

describe("ids", () => {
  it("accepts what the database generates and nothing else", () => {
    expect(isId(crypto.randomUUID())).toBe(true);
    for (const bad of ["", "1", "------------------------------------", `${crypto.randomUUID()}x`, 42, null, undefined])
      expect(isId(bad)).toBe(false);
    expect(idSchema("Ukendt enhed.").safeParse("nej").error?.issues[0].message).toBe("Ukendt enhed.");
  });

  it("are checked in one place: no other UUID pattern or zod uuid in the application", () => {
    // git grep over the tracked source: a second validator would drift from this one.
    // lib/ids.ts itself always matches, so git grep finds something and exits 0.
    const hits = execFileSync(
      "git",
      ["grep", "-nE", String.raw`uuid\(|\[0-9a-f\]\{8\}|\[0-9a-f-\]\{36\}`, "--", "app", "components", "lib"],
      { encoding: "utf8" },
    );
    expect(hits).toContain("lib/ids.ts");
    expect(hits.split("\n").filter((l) => l && !l.startsWith("lib/ids.ts") && !l.startsWith("lib/generated/"))).toEqual([]);
  });
});
