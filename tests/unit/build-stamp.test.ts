import { describe, expect, it } from "vitest";
import { sourceHash } from "@/scripts/build-stamp.mjs";

describe("the build stamp (npm start builds only when needed)", () => {
  it("is the same for the same sources and settings", () => {
    expect(sourceHash({})).toBe(sourceHash({}));
  });

  it("changes with the settings Next bakes into a build", () => {
    const base = sourceHash({});
    expect(sourceHash({ NEXT_DEPLOYMENT_ID: "v2" })).not.toBe(base);
    expect(sourceHash({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "a2V5" })).not.toBe(base);
    expect(sourceHash({ UNRELATED: "x" })).toBe(base);
  });
});
