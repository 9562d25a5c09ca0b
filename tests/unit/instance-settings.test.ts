import { describe, expect, it } from "vitest";
import { instanceSettingsProblems } from "@/lib/http/instance-settings";

const KEY = Buffer.alloc(32, 7).toString("base64");
const production = { DATABASE_URL: "postgres://db/spor", NODE_ENV: "production" };

describe("the settings several instances must share", () => {
  it("are not needed on the embedded database or in development", () => {
    expect(instanceSettingsProblems({ NODE_ENV: "production" }, null)).toEqual([]);
    expect(instanceSettingsProblems({ DATABASE_URL: "postgres://db/spor", NODE_ENV: "development" }, null)).toEqual([]);
  });

  it("are required in production, each missing one named in Danish and English", () => {
    const problems = instanceSettingsProblems(production, null);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^NEXT_SERVER_ACTIONS_ENCRYPTION_KEY mangler.*\/ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is required/);
    expect(problems[1]).toMatch(/^NEXT_DEPLOYMENT_ID mangler.*\/ NEXT_DEPLOYMENT_ID is required/);
  });

  it("pass with a valid key and the deployment id the build was made with", () => {
    const env = { ...production, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY, NEXT_DEPLOYMENT_ID: "spor-1_2" };
    expect(instanceSettingsProblems(env, { deploymentId: "spor-1_2" })).toEqual([]);
    expect(instanceSettingsProblems({ ...env, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") }, null)).toEqual([]);
  });

  it("refuse a key of the wrong length or not base64, a bad id, and a build made with another id", () => {
    const env = { ...production, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: KEY, NEXT_DEPLOYMENT_ID: "v2" };
    expect(instanceSettingsProblems({ ...env, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(20).toString("base64") }, null)[0]).toMatch(
      /16, 24 eller 32 byte/,
    );
    expect(instanceSettingsProblems({ ...env, NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: "not a key!" }, null)[0]).toMatch(/16, 24 eller 32 byte/);
    expect(instanceSettingsProblems({ ...env, NEXT_DEPLOYMENT_ID: "v 2" }, null)[0]).toMatch(/må kun indeholde/);
    expect(instanceSettingsProblems(env, { deploymentId: "v1" })[0]).toMatch(
      /Buildet er lavet med NEXT_DEPLOYMENT_ID=v1, men serveren starter med v2/,
    );
    expect(instanceSettingsProblems(env, { deploymentId: null })[0]).toMatch(/NEXT_DEPLOYMENT_ID=\(ingen\)/);
  });
});

describe("the pool and export settings", () => {
  it("default to 10 connections and 3 exports, take whole numbers and refuse anything else in Danish and English", async () => {
    const { dbPoolSize } = await import("@/lib/database/config");
    const { exportConcurrency } = await import("@/lib/exchange/export-slots");
    expect(dbPoolSize({})).toBe(10);
    expect(dbPoolSize({ SPOR_DB_POOL: " 4 " })).toBe(4);
    expect(exportConcurrency({})).toBe(3);
    expect(exportConcurrency({ SPOR_EXPORT_CONCURRENCY: "1" })).toBe(1);
    for (const bad of ["0", "-1", "2.5", "ti", "201"]) {
      expect(() => dbPoolSize({ SPOR_DB_POOL: bad })).toThrow(
        `SPOR_DB_POOL skal være et helt tal fra 1 til 200, fik "${bad}". / SPOR_DB_POOL must be`,
      );
    }
    expect(() => exportConcurrency({ SPOR_EXPORT_CONCURRENCY: "x" })).toThrow(/SPOR_EXPORT_CONCURRENCY skal være et helt tal/);
  });
});
