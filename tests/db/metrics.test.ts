import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { GET as metricsRoute } from "@/app/api/metrics/route";
import type { SporDatabase } from "@/lib/database/open";
import { createRegistration } from "@/lib/registrations/mutations";
import { registrationInputSchema } from "@/lib/registrations/schema";
import { metrics } from "@/lib/server/metrics.mjs";
import { createTestDatabase } from "@/tests/helpers/test-db";

// GET /api/metrics: off without SPOR_METRICS_TOKEN, only with that bearer token, and the counters it
// shows move when Spor does the thing they count.

let database: SporDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ demo: true });
});
afterAll(() => database.close());
afterEach(() => {
  delete process.env.SPOR_METRICS_TOKEN;
});

const context = { params: Promise.resolve({}) };
async function scrape(authorization?: string) {
  const headers: Record<string, string> = authorization ? { authorization } : {};
  const response = await metricsRoute(new Request("http://localhost/api/metrics", { headers }), context);
  return { status: response.status, text: await response.text(), type: response.headers.get("content-type") };
}

/** A counter's current value for the labels (0 when never counted). */
async function value(
  counter: { get(): Promise<{ values: { labels: Record<string, unknown>; value: number }[] }> },
  labels: Record<string, string>,
) {
  const { values } = await counter.get();
  return values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
}

describe("the metrics endpoint", () => {
  it("does not exist while SPOR_METRICS_TOKEN is unset, even with a bearer token", async () => {
    expect((await scrape()).status).toBe(404);
    expect((await scrape("Bearer anything")).status).toBe(404);
  });

  it("answers 401 without the token or with a wrong one (also one of another length)", async () => {
    process.env.SPOR_METRICS_TOKEN = "scrape-secret-0123456789";
    for (const header of [
      undefined,
      "Bearer scrape-secret-0123456788",
      "Bearer x",
      "scrape-secret-0123456789",
      "Basic scrape-secret-0123456789",
    ]) {
      const { status, text } = await scrape(header);
      expect(status, String(header)).toBe(401);
      expect(text).not.toContain("spor_");
    }
  });

  it("answers Prometheus's text format with every metric docs/deployment.md lists", async () => {
    process.env.SPOR_METRICS_TOKEN = "scrape-secret-0123456789";
    const { status, text, type } = await scrape("Bearer scrape-secret-0123456789");
    expect(status).toBe(200);
    expect(type).toContain("text/plain");
    for (const name of [
      "spor_http_requests_total",
      "spor_http_request_duration_seconds",
      "spor_registrations_stored_total",
      "spor_outbox_retries_total",
      "spor_sign_ins_total",
      "spor_db_pool_connections",
      "spor_db_pool_max_connections",
      "spor_rollup_flush_duration_seconds",
      "spor_import_duration_seconds",
      "spor_export_duration_seconds",
      "spor_process_resident_memory_bytes",
    ]) {
      expect(text, name).toContain(`# TYPE ${name} `);
    }
    // The refused scrapes above were counted by route and status, under the route's pattern.
    expect(await value(metrics().requests, { route: "/api/metrics", method: "GET", status: "401" })).toBeGreaterThanOrEqual(5);
  });
});

describe("registrations stored by source", () => {
  it("counts a stored registration once, and its resend (a duplicate) not again", async () => {
    const [user] = await database.prisma.user.findMany({ where: { email: "medarbejder@koege.test" }, select: { id: true } });
    const unit = await database.prisma.unit.findFirstOrThrow({
      where: { name: "Borgerservice – Telefon", municipality: { number: 259 } },
      select: { id: true },
    });
    const task = await database.prisma.task.findFirstOrThrow({ where: { number: "23.05.10" }, select: { id: true } });
    const input = registrationInputSchema.parse({
      id: crypto.randomUUID(),
      unitId: unit.id,
      channelCode: "TLFIND",
      taskId: task.id,
      contactTypeCode: "INFO",
      closureCode: "STRAKS",
      form: null,
      occurredAt: new Date().toISOString(),
      isTest: false,
    });
    const before = await value(metrics().registrations, { source: "MANUAL" });
    expect((await createRegistration(database.prisma, { id: user.id }, input)).status).toBe("created");
    expect(await value(metrics().registrations, { source: "MANUAL" })).toBe(before + 1);
    expect((await createRegistration(database.prisma, { id: user.id }, input)).status).toBe("duplicate");
    expect(await value(metrics().registrations, { source: "MANUAL" })).toBe(before + 1);
    expect(await database.prisma.registration.count({ where: { id: input.id } })).toBe(1);
  });
});
