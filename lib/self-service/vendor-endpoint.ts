import "server-only";
import { z } from "zod";
import { type FormState, lineProblemsResponse } from "@/lib/actions/form-state";
import type { RouteContext } from "@/lib/actions/route";
import { db } from "@/lib/db";
import { FileFormatError } from "@/lib/exchange/text-file";
import { UserFacingError } from "@/lib/errors";
import { formatNumber } from "@/lib/format";
import { readMultipart } from "@/lib/http/multipart";
import { commitVendorImport, planVendorImport, vendorResendMessage } from "./vendor-import";
import { parseVendorCsv } from "./vendor-rows";

// POST /api/self-service/vendor-file: KL's vendor file (multipart "fil"), all or nothing. With
// ?vis=1 it is only checked and summed up per municipality (the preview); without, it is stored.

export const vendorFileQuery = z.object({ vis: z.enum(["0", "1"]).optional() });

export async function runVendorFile(ctx: RouteContext<unknown, z.infer<typeof vendorFileQuery>, unknown>): Promise<Response> {
  const user = ctx.user!;
  const prisma = db();
  try {
    const { result } = await readMultipart(ctx.request, ctx.stream, "fil", async (file) => ({
      parsed: await parseVendorCsv(file.stream),
      fileName: file.filename.slice(0, 200),
    }));
    if (!result) return lineProblemsResponse("Vælg en fil.");
    const { parsed, fileName } = result;
    const plan = await planVendorImport(prisma, parsed.rows);
    // The same file again is a resend, said as such (not as one "already stored" per line).
    const resend = parsed.errors.length ? null : await vendorResendMessage(prisma, plan);
    if (resend) return lineProblemsResponse(resend, [], 409);
    const errors = [...parsed.errors, ...plan.errors].sort((a, b) => a.line - b.line);
    if (errors.length) return lineProblemsResponse(`Filen har ${formatNumber(errors.length)} fejl. Intet er gemt.`, errors);
    if (!plan.rows.length) return lineProblemsResponse("Filen har ingen rækker.");
    const perMunicipality = plan.municipalities.map(
      (m) => `${m.number} ${m.name}: ${formatNumber(m.rows)} tal, i alt ${formatNumber(m.total)}`,
    );
    const total = plan.rows.reduce((s, r) => s + r.count, 0);
    if (ctx.query.vis === "1") {
      return Response.json({
        ok: `Filen er i orden: ${formatNumber(plan.rows.length)} tal (i alt ${formatNumber(total)} ansøgninger) for ${formatNumber(plan.municipalities.length)} kommuner. Intet er gemt endnu.`,
        problems: perMunicipality,
      } satisfies FormState);
    }
    const stored = await commitVendorImport(prisma, user, plan, { fileName, ip: ctx.ip });
    return Response.json({
      ok: `Leverandørdata er indlæst: ${formatNumber(stored.rows)} tal (i alt ${formatNumber(stored.total)} ansøgninger) for ${formatNumber(stored.municipalities)} kommuner.`,
      problems: perMunicipality,
    } satisfies FormState);
  } catch (error) {
    if (error instanceof FileFormatError) return lineProblemsResponse(error.message);
    if (error instanceof UserFacingError && error.status === 409) return lineProblemsResponse(error.message, [], 409);
    throw error;
  }
}
