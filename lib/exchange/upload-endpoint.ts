import "server-only";
import { z } from "zod";
import type { RouteContext } from "@/lib/actions/route";
import { type Access, coordinatorMunicipalityIds } from "@/lib/auth/access";
import { db } from "@/lib/db";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readMultipart } from "@/lib/http/multipart";
import { DuplicateImportError } from "./content-hash";
import { type FileImportPlan, fileImportOptions, planFileImport } from "./file-import";
import { commitImport } from "./import-rows";
import { weekList } from "./import-weeks-text";
import { FileFormatError } from "./text-file";
import type { UploadSummary } from "./upload-summary";

// The Data page's file upload as route handlers (app/api/uploads, app/api/uploads/preview): the file
// streams from the request into the import worker (import-worker.ts), which reads and checks it row by
// row while it arrives — never buffered whole, never on this thread; the import then writes it as
// one batch, all or nothing. The pages are
// dynamic: the form refreshes the page (router.refresh) after an import, so nothing is revalidated here.
// Who: a coordinator, for a municipality they coordinate. National staff follow uploads but never
// upload municipal data.

/** What the upload form shows: the preview, the errors with line numbers, or what was imported. */
export interface UploadState {
  status?: "preview" | "imported" | "invalid";
  message?: string;
  errors?: { line: number; message: string }[];
  summary?: UploadSummary;
}

/** The upload's options travel in the query string, so who and where are checked before a byte is read. */
export const uploadQuery = z.object({
  /** The municipality's number; may be left out by a coordinator of one municipality. */
  kommune: z.coerce.number("Ukendt kommune.").int("Ukendt kommune.").positive("Ukendt kommune.").optional(),
  type: z.enum(["csv", "legacy"], "Filtypen skal være csv eller legacy.").default("csv"),
  opretEnheder: z.enum(["0", "1"], "opretEnheder skal være 0 eller 1.").default("0"),
  /** 1: join the national rounds the preview offered, with the weeks the file has data in. */
  tilmeldRunde: z.enum(["0", "1"], "tilmeldRunde skal være 0 eller 1.").default("0"),
  /** 1: import rows that were imported before (the coordinator confirmed). */
  tilladDublet: z.enum(["0", "1"], "tilladDublet skal være 0 eller 1.").default("0"),
  /** Old raw exports: the unit logins (as in the file) that measured time, comma-separated; default none. */
  tidsmaaling: z.string().max(2000, "For mange enheder med tidsmåling.").default(""),
});
export type UploadQuery = z.infer<typeof uploadQuery>;

/** Only coordinators upload (national staff export and follow); the scope is checked per municipality. */
export const canUpload = (access: Access) => coordinatorMunicipalityIds(access).length > 0;

/** The municipality the coordinator uploads to: the one named (which they must coordinate), or their only one. */
export async function uploadMunicipality(prisma: PrismaClient, access: Access, number: number | undefined): Promise<string> {
  const own = coordinatorMunicipalityIds(access);
  if (number !== undefined) {
    const m = await prisma.municipality.findFirst({ where: { number, id: { in: own } }, select: { id: true } });
    if (!m) throw new AccessDeniedError();
    return m.id;
  }
  if (own.length !== 1) throw new UserFacingError("Vælg kommunen, der skal indlæses til.");
  return own[0];
}

const MAX_ERRORS_SHOWN = 500;

/** POST /api/uploads/preview and POST /api/uploads: the file is the multipart field "fil". */
export async function runUpload(ctx: RouteContext<unknown, UploadQuery, unknown>, intent: "preview" | "import"): Promise<Response> {
  const user = ctx.user!;
  const prisma = db();
  const municipalityId = await uploadMunicipality(prisma, user.access, ctx.query.kommune);
  const legacy = ctx.query.type === "legacy";
  // Whatever happens after the file was planned (a body cut off after it, an answer, a failed commit),
  // the plan lets its worker go.
  let planned: FileImportPlan | undefined;
  try {
    const { result } = await readMultipart(ctx.request, ctx.stream, "fil", async (file) => {
      const read = await planFileImport(prisma, municipalityId, file.stream, legacy ? "legacy" : "csv", {
        createMissingUnits: ctx.query.opretEnheder === "1",
        timedUnits: ctx.query.tidsmaaling ? ctx.query.tidsmaaling.split(",") : [],
      });
      planned = read.plan;
      return { ...read, fileName: file.filename.slice(0, 200) };
    });
    if (!result) return Response.json({ status: "invalid", message: "Vælg en fil." } satisfies UploadState, { status: 422 });
    const { plan, summary, fileName } = result;
    if (plan.errorCount) {
      const state: UploadState = {
        status: "invalid",
        message: `Filen har ${plan.errorCount.toLocaleString("da-DK")} fejl. Intet er gemt.`,
        errors: plan.errors.slice(0, MAX_ERRORS_SHOWN),
        summary,
      };
      return Response.json(state, { status: 422 });
    }
    if (intent === "preview") return Response.json({ status: "preview", summary } satisfies UploadState);
    const choices = { joinRounds: ctx.query.tilmeldRunde === "1", allowDuplicate: ctx.query.tilladDublet === "1" };
    try {
      await commitImport(prisma, plan, {
        actorUserId: user.id,
        ip: ctx.ip,
        fileName,
        ...fileImportOptions(ctx.query.type, { plan, summary }, choices),
      });
    } catch (error) {
      // The same rows were imported before, and the coordinator has not confirmed: nothing written.
      if (error instanceof DuplicateImportError)
        return Response.json({ status: "invalid", message: error.message, summary } satisfies UploadState, { status: 409 });
      throw error;
    }
    const joined = choices.joinRounds ? (summary.weeks?.rounds ?? []).filter((r) => r.joinWeeks.length) : [];
    const message =
      `${summary.rows.toLocaleString("da-DK")} rækker med ${summary.totalQuantity.toLocaleString("da-DK")} henvendelser er indlæst.` +
      joined.map((r) => ` Kommunen deltager nu i runden «${r.name}» med ${weekList(r.joinWeeks)}.`).join("");
    return Response.json({ status: "imported", message, summary } satisfies UploadState);
  } catch (error) {
    if (error instanceof FileFormatError)
      return Response.json({ status: "invalid", message: error.message } satisfies UploadState, { status: 422 });
    throw error;
  } finally {
    (planned as FileImportPlan | undefined)?.close();
  }
}
