import "server-only";
import { z } from "zod";
import { type FormState, lineProblemsResponse } from "@/lib/actions/form-state";
import type { RouteContext } from "@/lib/actions/route";
import { DuplicateImportError, findEarlierImport } from "@/lib/exchange/content-hash";
import { FileFormatError } from "@/lib/exchange/text-file";
import { uploadMunicipality } from "@/lib/exchange/upload-endpoint";
import { db } from "@/lib/db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readMultipart } from "@/lib/http/multipart";
import { allowedUnits } from "@/lib/ingestion/ingest";
import type { ApiTokenIdentity } from "@/lib/ingestion/tokens";
import { danishDay } from "./danish-day";
import { commitReferenceImport, planReferenceImport } from "./reference-import";
import { parseReferenceCsv, type ReferenceField, type ReferenceRow, validateReferenceFields } from "./reference-rows";

// The two ways reference counts arrive: a coordinator's CSV file (POST /api/reference-counts) and
// another system's JSON with an API token (POST /api/v1/reference-counts). Both all or nothing.

export const referenceUploadQuery = z.object({
  kommune: z.coerce.number("Ukendt kommune.").int("Ukendt kommune.").positive("Ukendt kommune.").optional(),
});

// The answer is the forms' FormState (RouteForm on /daekning): ok, or error with line-numbered problems.

/** POST /api/reference-counts: the file is the multipart field "fil". */
export async function runReferenceUpload(ctx: RouteContext<unknown, z.infer<typeof referenceUploadQuery>, unknown>): Promise<Response> {
  const user = ctx.user!;
  const prisma = db();
  const municipalityId = await uploadMunicipality(prisma, user.access, ctx.query.kommune);
  const municipality = await prisma.municipality.findUniqueOrThrow({ where: { id: municipalityId }, select: { number: true } });
  try {
    const { result } = await readMultipart(ctx.request, ctx.stream, "fil", async (file) => ({
      parsed: await parseReferenceCsv(file.stream, danishDay(new Date())),
      fileName: file.filename.slice(0, 200),
    }));
    if (!result) return lineProblemsResponse("Vælg en fil.");
    const { parsed, fileName } = result;
    const errors = [...parsed.errors];
    for (const [line, number] of parsed.numbersByLine) {
      if (number !== municipality.number)
        errors.push({ line, message: `Kommunenummeret ${number} er ikke kommunen, der indlæses til (${municipality.number}).` });
    }
    const rows = parsed.rows.filter((r) => parsed.numbersByLine.get(r.line) === municipality.number);
    const plan = await planReferenceImport(prisma, municipalityId, rows);
    // The same rows again: said as such, not as one overlap per line.
    const earlier = errors.length ? null : await findEarlierImport(prisma, municipalityId, plan.contentHash);
    if (earlier) return lineProblemsResponse(new DuplicateImportError(earlier).message, [], 409);
    errors.push(...plan.errors);
    errors.sort((a, b) => a.line - b.line);
    if (errors.length) return lineProblemsResponse(`Filen har ${errors.length.toLocaleString("da-DK")} fejl. Intet er gemt.`, errors);
    if (!plan.rows.length) return lineProblemsResponse("Filen har ingen rækker.");
    try {
      const batch = await commitReferenceImport(prisma, plan, { actorUserId: user.id, ip: ctx.ip, kind: "REFERENCE_UPLOAD", fileName });
      return Response.json({
        ok: `${batch.rowCount.toLocaleString("da-DK")} referencetal (i alt ${batch.totalQuantity.toLocaleString("da-DK")}) er indlæst.`,
      } satisfies FormState);
    } catch (error) {
      if (error instanceof DuplicateImportError) return lineProblemsResponse(error.message, [], 409);
      throw error;
    }
  } catch (error) {
    if (error instanceof FileFormatError) return lineProblemsResponse(error.message);
    throw error;
  }
}

// ---- The ingestion API ----

export const MAX_API_REFERENCE_COUNTS = 5000;
export const MAX_API_REFERENCE_BODY_BYTES = 1_000_000;

export const apiReferenceRequestSchema = z.object(
  {
    referenceCounts: z
      .array(z.unknown(), { error: 'Forespørgslen skal have feltet "referenceCounts" med en liste af referencetal.' })
      .min(1, "Listen af referencetal er tom.")
      .max(MAX_API_REFERENCE_COUNTS, `Højst ${MAX_API_REFERENCE_COUNTS.toLocaleString("da-DK")} referencetal pr. forespørgsel.`),
  },
  { error: 'Forespørgslen skal være et JSON-objekt med feltet "referenceCounts".' },
);

const apiReferenceItem = z.strictObject(
  {
    unit: z
      .string({ error: "unit skal være enhedens navn som tekst, eller null for hele kommunen." })
      .max(200, "unit er for lang.")
      .nullable()
      .optional(),
    date: z.string({ error: 'date skal være en dato som tekst, fx "2026-11-23".' }).max(20, "date er for lang."),
    hour: z.number({ error: "hour skal være et helt tal fra 0 til 23, eller null for hele dagen." }).nullable().optional(),
    channelCode: z.string({ error: 'channelCode skal være en kanalkode som tekst, fx "TLFIND".' }).max(40, "channelCode er for lang."),
    kind: z.string({ error: 'kind skal være "BESVAREDE_OPKALD", "BETJENTE_BESOEG" eller "SELVBETJENING".' }).max(40, "kind er for lang."),
    count: z.number({ error: "count skal være et helt tal." }),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Ukendt felt: ${issue.keys.join(", ")}.` : undefined) },
);

const API_FIELD: Record<ReferenceField, string> = {
  unit: "unit",
  date: "date",
  hour: "hour",
  channel: "channelCode",
  kind: "kind",
  count: "count",
};

export interface ReferenceItemError {
  index: number;
  field: string | null;
  message: string;
}

export type ReferenceIngestResult =
  | { status: "invalid"; errors: ReferenceItemError[] }
  | { status: "stored"; batchId: string | null; created: number; alreadyStored: number };

/**
 * One API request: every item checked like a CSV row (the item's index is its "line"); items equal
 * to stored counts are acknowledged and skipped, so a resent request is harmless.
 */
export async function ingestReferenceCounts(
  prisma: PrismaClient,
  token: ApiTokenIdentity,
  items: unknown[],
  now: Date,
): Promise<ReferenceIngestResult> {
  const errors: ReferenceItemError[] = [];
  const rows: ReferenceRow[] = [];
  items.forEach((item, index) => {
    const parsed = apiReferenceItem.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push({ index, field: issue.path.length ? String(issue.path[0]) : null, message: issue.message });
      return;
    }
    const d = parsed.data;
    const checked = validateReferenceFields(
      {
        unit: d.unit ?? "",
        date: d.date,
        hour: d.hour == null ? "" : String(d.hour),
        channel: d.channelCode,
        kind: d.kind,
        count: String(d.count),
      },
      danishDay(now),
    );
    if ("errors" in checked) for (const e of checked.errors) errors.push({ index, field: API_FIELD[e.field], message: e.message });
    else rows.push({ line: index, ...checked.row });
  });
  const plan = await planReferenceImport(prisma, token.municipalityId, rows, { identicalIsStored: true });
  for (const e of plan.errors) errors.push({ index: e.line, field: null, message: e.message });
  const allowed = await allowedUnits(prisma, token);
  if (allowed) {
    for (const r of [...plan.rows, ...plan.alreadyStored]) {
      if (!r.unitId || !allowed.has(r.unitId)) {
        errors.push({
          index: r.line,
          field: "unit",
          message: r.unitId
            ? `Nøglen må ikke indberette for enheden "${r.unit}".`
            : "Nøglen må kun indberette for sine enheder, ikke for hele kommunen.",
        });
      }
    }
  }
  if (errors.length) return { status: "invalid", errors: errors.sort((a, b) => a.index - b.index) };
  if (!plan.rows.length) return { status: "stored", batchId: null, created: 0, alreadyStored: plan.alreadyStored.length };
  const batch = await commitReferenceImport(prisma, plan, {
    actorUserId: null,
    kind: "REFERENCE_API",
    fileName: `API-nøgle: ${token.name}`,
    apiTokenId: token.id,
  });
  return { status: "stored", batchId: batch.id, created: batch.rowCount, alreadyStored: plan.alreadyStored.length };
}
