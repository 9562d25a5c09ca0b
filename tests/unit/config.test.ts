import { describe, expect, it } from "vitest";
import { checkConfig, VARIABLES } from "@/lib/server/config";

// The start-up check of every setting (lib/server/config.ts): each bad value is named, in Danish and
// English; production (PostgreSQL + NODE_ENV=production) needs its secret and address; the embedded
// quickstart needs nothing.

const SECRET = "x".repeat(40);
const PRODUCTION = {
  NODE_ENV: "production",
  DATABASE_URL: "postgres://spor@db.local:5432/spor",
  BETTER_AUTH_SECRET: SECRET,
  SPOR_BASE_URL: "https://spor.kommune.dk",
};

describe("checkConfig", () => {
  it("passes README's quickstart (production build, embedded database, nothing set)", () => {
    expect(checkConfig({ NODE_ENV: "production" })).toEqual({ errors: [], warnings: [] });
  });

  it("passes a complete production configuration", () => {
    expect(checkConfig({ ...PRODUCTION, SPOR_METRICS_TOKEN: "m".repeat(20), SPOR_TRUSTED_PROXIES: "1", SPOR_LOG_LEVEL: "warn" })).toEqual({
      errors: [],
      warnings: [],
    });
  });

  it("refuses production without BETTER_AUTH_SECRET, and without SPOR_BASE_URL, naming each", () => {
    const { errors } = checkConfig({ ...PRODUCTION, BETTER_AUTH_SECRET: undefined, SPOR_BASE_URL: undefined });
    expect(errors).toHaveLength(2);
    expect(errors.find((e) => e.startsWith("SPOR_BASE_URL mangler"))).toContain("/ SPOR_BASE_URL is required");
    expect(errors.find((e) => e.startsWith("BETTER_AUTH_SECRET mangler"))).toContain("/ BETTER_AUTH_SECRET is required");
  });

  it("lets the test harness run production with a generated secret only when it says so", () => {
    expect(checkConfig({ ...PRODUCTION, BETTER_AUTH_SECRET: undefined, SPOR_ALLOW_GENERATED_SECRET: "1" }).errors).toEqual([]);
  });

  it.each([
    ["PORT", "http", "PORT skal være et helt tal fra 0"],
    ["PORT", "70000", "PORT skal være et helt tal fra 0 til 65535"],
    ["SPOR_TRUSTED_PROXIES", "-1", "SPOR_TRUSTED_PROXIES skal være et helt tal fra 0"],
    ["SPOR_SESSION_MAX_HOURS", "0", "SPOR_SESSION_MAX_HOURS skal være et positivt tal"],
    ["SPOR_PGLITE_THREAD", "thread", "SPOR_PGLITE_THREAD skal være én af worker, main"],
    ["SPOR_LOG_LEVEL", "verbose", "SPOR_LOG_LEVEL skal være én af trace"],
    ["SPOR_SMTP_URL", "mail.kommune.dk", "SPOR_SMTP_URL skal være en adresse, der begynder med smtp:// eller smtps://"],
    ["DATABASE_URL", "mysql://db/spor", "DATABASE_URL skal være en adresse"],
    ["SPOR_BASE_URL", "https://spor.kommune.dk/app", "SPOR_BASE_URL skal være en adresse uden sti"],
    ["SPOR_ACCESSIBILITY_URL", "http://was.digst.dk/x", "SPOR_ACCESSIBILITY_URL skal være en sti"],
    ["SPOR_AUDIT_RETENTION_DAYS", "5 år", "SPOR_AUDIT_RETENTION_DAYS skal være et helt tal fra 0"],
  ])("names %s=%s in Danish and English", (name, value, danish) => {
    const { errors } = checkConfig({ [name]: value });
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(danish);
    expect(errors[0]).toContain(" / ");
    expect(errors[0]).toMatch(new RegExp(`${name}.*(must|required)`));
  });

  it("never echoes a secret or a database password", () => {
    const { errors } = checkConfig({
      BETTER_AUTH_SECRET: "short-secret",
      SPOR_METRICS_TOKEN: "tiny",
      DATABASE_URL: "mysql://spor:hunter2@db/spor",
    });
    expect(errors).toHaveLength(3);
    expect(errors.join("\n")).not.toMatch(/short-secret|tiny|hunter2/);
  });

  it("warns about a SPOR_ name it does not know, and ignores the tools' own", () => {
    expect(checkConfig({ SPOR_BASE_ULR: "https://x.dk", SPOR_BENCH_LOOP_DIR: "/tmp" })).toEqual({
      errors: [],
      warnings: [
        "SPOR_BASE_ULR er ikke en indstilling, Spor kender (en stavefejl?); den bruges ikke. / SPOR_BASE_ULR is not a setting Spor knows (a typo?); it is ignored.",
      ],
    });
  });

  it("knows every variable docs/deployment.md documents, and documents every variable it knows", async () => {
    const fs = await import("node:fs");
    const doc = fs.readFileSync("docs/deployment.md", "utf8");
    const table = new Set([...doc.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]));
    expect([...Object.keys(VARIABLES)].filter((name) => !table.has(name))).toEqual([]);
    expect([...table].filter((name) => name.startsWith("SPOR_") && !(name in VARIABLES))).toEqual([]);
  });
});
