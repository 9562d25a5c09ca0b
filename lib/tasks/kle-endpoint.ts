import "server-only";
import type { RouteContext } from "@/lib/actions/route";
import type { AdminContext } from "@/lib/actions/context";
import type { FormState } from "@/lib/actions/form-state";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { MAX_UPLOAD_BYTES } from "@/lib/exchange/text-file";
import { readMultipart } from "@/lib/http/multipart";
import { importKleFile } from "@/lib/tasks/kle";

// POST /api/kle: KL's staff upload the KLE-Emneplan XML (multipart field "file"; KL's file is about
// 3.4 MB). The body is limited while it streams; the XML is then parsed whole (it is one document).

const formatNumber = (n: number) => n.toLocaleString("da-DK");

async function collect(stream: AsyncIterable<Uint8Array>, limit: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > limit)
      throw new UserFacingError(`Filen er for stor; grænsen er ${Math.round(limit / 1024 / 1024)} MB. Intet er indlæst.`, 413);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export async function runKleImport(ctx: RouteContext<unknown, unknown, unknown>): Promise<Response> {
  const user = ctx.user!;
  const admin: AdminContext = { prisma: db(), actorId: user.id, access: user.access, ip: ctx.ip };
  const { result: bytes } = await readMultipart(ctx.request, ctx.stream, "file", (file) => collect(file.stream, MAX_UPLOAD_BYTES));
  if (!bytes || bytes.length === 0) return Response.json({ error: "Vælg KLE-filen (XML)." } satisfies FormState, { status: 422 });
  const r = await importKleFile(admin, bytes);
  const state: FormState = {
    ok:
      `KLE udgivet ${r.publishedOn} er indlæst: ${formatNumber(r.created)} nye, ${formatNumber(r.updated)} opdaterede og ` +
      `${formatNumber(r.unchanged)} uændrede (${formatNumber(r.byLevel.HOVEDGRUPPE)} hovedgrupper, ${formatNumber(r.byLevel.GRUPPE)} grupper, ` +
      `${formatNumber(r.byLevel.EMNE)} emner).` +
      (r.titlesHeld
        ? ` ${formatNumber(r.titlesHeld)} opgaver, som enheder tæller i en igangværende runde uden for rundens opgavepakke, beholder deres titel, til runden er slut (indlæs KLE igen bagefter).`
        : ""),
  };
  return Response.json(state);
}
