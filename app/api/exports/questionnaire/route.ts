import { z } from "zod";
import { route } from "@/lib/actions/route";
import { isNational } from "@/lib/auth/access";
import { UserFacingError } from "@/lib/errors";
import { answerMatrixCsv } from "@/lib/questionnaire/csv";
import { answerMatrix } from "@/lib/questionnaire/queries";

export const dynamic = "force-dynamic";

/**
 * GET /api/exports/questionnaire?runde=CODE — KL's questionnaire answers of a round side by side as
 * CSV (docs/formats.md, "Spørgeskemaets svar"). National staff only: every municipality's answers.
 */
export const GET = route({
  method: "GET",
  path: "/api/exports/questionnaire",
  auth: "session",
  allow: isNational,
  query: z.object({ runde: z.string().min(1, "Vælg en runde.").max(100) }),
  handler: async ({ user, query, db }) => {
    const matrix = await answerMatrix(db, user!.access, query.runde);
    if (!matrix) throw new UserFacingError("Tællerunden findes ikke.", 404);
    return new Response(answerMatrixCsv(matrix), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="spor-spoergeskema-${matrix.round.code}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  },
});
