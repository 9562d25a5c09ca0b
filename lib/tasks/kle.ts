import type { AdminContext } from "@/lib/actions/context";
import { recordAudit } from "@/lib/audit/audit";
import { isNational } from "@/lib/auth/access";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import { decodeTextFile, FileFormatError } from "@/lib/exchange/text-file";
import { importKle, KleFormatError, type KleImportResult } from "@/lib/tasks/kle-import";

// KL publishes the KLE-Emneplan four times a year; KL's staff load it here (the CLI's
// `npx spor kle import` does the same for operators). Using KLE requires KL's consent, so Spor
// ships without it and every installation loads the file it is licensed to use.

export async function importKleFile(ctx: AdminContext, bytes: Uint8Array): Promise<KleImportResult> {
  if (!isNational(ctx.access)) throw new AccessDeniedError("Kun KL kan indlæse KLE.");
  let result: KleImportResult;
  try {
    const { text } = decodeTextFile(bytes);
    result = await importKle(ctx.prisma, text);
  } catch (error) {
    if (error instanceof KleFormatError || error instanceof FileFormatError)
      throw new UserFacingError(`${error.message} Intet er indlæst.`);
    throw error;
  }
  await recordAudit(ctx.prisma, {
    actorUserId: ctx.actorId,
    action: "kle.import",
    entityType: "task",
    after: {
      publishedOn: result.publishedOn,
      created: result.created,
      updated: result.updated,
      unchanged: result.unchanged,
      titlesHeld: result.titlesHeld,
    },
  });
  return result;
}
