import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { POST as importFile } from "@/app/api/uploads/route";
import { POST as previewFile } from "@/app/api/uploads/preview/route";
import { resetAuth } from "@/lib/auth/auth";
import { importWorkersStarted } from "@/lib/exchange/import-job";
import { parseUpload } from "@/lib/exchange/upload-rows";
import { DEMO_PASSWORD } from "@/lib/seed/demo";
import { paddedUploadFile } from "@/scripts/bench/upload";
import { adminTestDatabase } from "@/tests/helpers/admin";
import { multipartRequest } from "@/tests/helpers/multipart";
import { signInCookie } from "@/tests/helpers/sign-in";

// A data upload is read and checked in the import worker, never on the thread that answers requests
// (lib/exchange/import-worker.ts): parsing 20 MB there held every other request for seconds. The CSV
// reader is wrapped on this (the request) thread to count the files it is asked to read; the worker
// loads its own copy of the module, which the count does not see. Moving the parse back onto the
// request thread makes the count rise and this test fail.

const readersHere = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/exchange/csv-reader", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/exchange/csv-reader")>();
  class CountedCsvReader extends actual.CsvReader {
    constructor(...args: ConstructorParameters<typeof actual.CsvReader>) {
      super(...args);
      readersHere.count++;
    }
  }
  return { ...actual, CsvReader: CountedCsvReader };
});

let t: Awaited<ReturnType<typeof adminTestDatabase>>;
let cookie: string;

beforeAll(async () => {
  t = await adminTestDatabase();
  resetAuth();
  cookie = await signInCookie(t.prisma, "koordinator@koege.test", DEMO_PASSWORD);
});
afterAll(async () => {
  resetAuth();
  await t.database.close();
});

const noParams = { params: Promise.resolve({}) };
const upload = async (route: typeof importFile, url: string, bytes: Uint8Array) =>
  route(await multipartRequest(url, cookie, [{ name: "fil", filename: "stor.csv", bytes }], { chunked: true }), noParams);

describe("the import worker", () => {
  it("the count sees an upload read on this thread", async () => {
    const before = readersHere.count;
    expect((await parseUpload(paddedUploadFile(3))).rows).toHaveLength(3);
    expect(readersHere.count).toBe(before + 1);
  });

  it("reads, checks and writes an upload of 20,000 rows off the request thread, all of it in one batch", { timeout: 300_000 }, async () => {
    const before = { readers: readersHere.count, registrations: await t.prisma.registration.count() };
    const response = await upload(importFile, "/api/uploads?kommune=259", paddedUploadFile(20_000));
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await response.json()).toMatchObject({ status: "imported", summary: { rows: 20_000 } });
    const batch = await t.prisma.importBatch.findFirstOrThrow({ where: { fileName: "stor.csv" }, select: { rowCount: true, id: true } });
    expect(batch.rowCount).toBe(20_000);
    expect(await t.prisma.registration.count({ where: { batchId: batch.id } })).toBe(20_000);
    expect(await t.prisma.registration.count()).toBe(before.registrations + 20_000);
    expect(readersHere.count).toBe(before.readers);
    expect(importWorkersStarted).toBeGreaterThan(0);
  });

  it("names the bad rows by line from the worker, in Danish, and writes nothing", { timeout: 300_000 }, async () => {
    const before = {
      readers: readersHere.count,
      registrations: await t.prisma.registration.count(),
      batches: await t.prisma.importBatch.count(),
    };
    const text = new TextDecoder().decode(paddedUploadFile(5_000)).split("\r\n");
    text[2] = text[2].replace(";SLVBTJN;", ";FAX;"); // line 3
    text[4_001] = text[4_001].replace("2026-10-19", "2026-13-19"); // line 4,002
    const response = await upload(importFile, "/api/uploads?kommune=259", new TextEncoder().encode(text.join("\r\n")));
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      status: "invalid",
      message: "Filen har 2 fejl. Intet er gemt.",
      errors: [
        { line: 3, message: 'Kanalen "FAX" findes ikke.' },
        { line: 4_002, message: 'Datoen "2026-13-19 08:40" findes ikke.' },
      ],
    });
    expect(await t.prisma.registration.count()).toBe(before.registrations);
    expect(await t.prisma.importBatch.count()).toBe(before.batches);

    const preview = await upload(previewFile, "/api/uploads/preview?kommune=259", paddedUploadFile(3));
    expect(await preview.json()).toMatchObject({ status: "preview", summary: { rows: 3 } });
    expect(readersHere.count).toBe(before.readers);
  });
});
