import "server-only";
import { z } from "zod";
import type { RouteContext } from "@/lib/actions/route";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { readMultipart } from "@/lib/http/multipart";
import { deliver } from "@/lib/actions/support";
import { type AdminContext, assertAdminister } from "@/lib/actions/context";
import { type FormState, ProblemListError } from "@/lib/actions/form-state";
import { importUsers } from "@/lib/users/import";
import { mailConfigured } from "@/lib/users/mail";
import { idSchema } from "@/lib/ids";

// POST /api/users/import?municipalityId=…: a coordinator creates the users of a CSV list — a file
// (multipart field "file", read as it streams) or a pasted list (field "text"). Every line is checked
// first; a list with any problem creates nobody. Answers with the administration forms' FormState;
// the form refreshes the (dynamic) page after success.

export const userImportQuery = z.object({ municipalityId: idSchema("Ukendt kommune.") });

function sentMessage(mailed: number, total: number, what: string): string {
  if (mailed === total) return `${what} Linket er sendt på mail.`;
  return `${what} Giv linket videre til brugeren – det vises kun nu, og det virker én gang.`;
}

export async function runUserImport(ctx: RouteContext<unknown, z.infer<typeof userImportQuery>, unknown>): Promise<Response> {
  const user = ctx.user!;
  const admin: AdminContext = { prisma: db(), actorId: user.id, access: user.access, ip: ctx.ip };
  const { municipalityId } = ctx.query;
  // Scope before a byte of the body is read.
  assertAdminister(admin, municipalityId);
  try {
    const { fields, result } = await readMultipart(ctx.request, ctx.stream, "file", (file) =>
      importUsers(admin, { municipalityId, file: file.stream }),
    );
    let links = result;
    if (!links) {
      const text = fields.get("text") ?? "";
      if (!text.trim()) throw new UserFacingError("Vælg en CSV-fil eller indsæt listen i tekstfeltet.");
      links = await importUsers(admin, { municipalityId, text });
    }
    if (!mailConfigured()) {
      // No mail: the links are made by the one download of the CSV, never shown on the page.
      const linkDownload = { municipalityId, userIds: links.map((l) => l.userId), issuedAt: new Date().toISOString() };
      const ok = `${links.length} brugere er oprettet. Hent deres aktiveringslinks som CSV nu – filen kan kun hentes én gang, og hvert link virker én gang.`;
      return Response.json({ ok, linkDownload } satisfies FormState);
    }
    const { mailed, secrets } = await deliver(links);
    const state: FormState = { ok: sentMessage(mailed, links.length, `${links.length} brugere er oprettet.`), secrets };
    return Response.json(state);
  } catch (error) {
    if (error instanceof ProblemListError)
      return Response.json({ error: error.message, problems: error.problems } satisfies FormState, { status: 422 });
    throw error;
  }
}
