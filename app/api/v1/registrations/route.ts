import { jsonError } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { ingestRegistrations } from "@/lib/ingestion/ingest";
import { API_RATE_LIMIT, apiRateLimiter } from "@/lib/ingestion/rate-limit";
import { apiRequestSchema, MAX_API_BODY_BYTES } from "@/lib/ingestion/schema";
import { authenticateApiToken } from "@/lib/ingestion/tokens";

export const dynamic = "force-dynamic";

const UNAUTHORIZED = "API-nøglen mangler, er ukendt eller er tilbagekaldt. Send den som Authorization: Bearer <nøgle>.";

/** The body as JSON, refusing other content types and bodies over the size limit before parsing. */
async function readJson(request: Request): Promise<unknown> {
  if (!request.headers.get("content-type")?.toLowerCase().startsWith("application/json")) {
    throw new UserFacingError("Forespørgslen skal være JSON (Content-Type: application/json).", 415);
  }
  const tooLarge = new UserFacingError(`Forespørgslen er for stor; grænsen er ${MAX_API_BODY_BYTES.toLocaleString("da-DK")} byte.`, 413);
  if (Number(request.headers.get("content-length") ?? 0) > MAX_API_BODY_BYTES) throw tooLarge;
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_API_BODY_BYTES) throw tooLarge;
  try {
    return JSON.parse(text);
  } catch {
    throw new UserFacingError("Forespørgslen er ikke gyldig JSON.", 400);
  }
}

/**
 * POST /api/v1/registrations — registrations from another system, authenticated by a municipality's
 * API token (no session cookie, so no CSRF check). All or nothing per request; idempotent by id.
 * See docs/api.md and docs/openapi.json.
 */
export async function POST(request: Request) {
  try {
    const now = new Date();
    const token = await authenticateApiToken(db(), request.headers.get("authorization"), now);
    if (!token) return Response.json({ error: UNAUTHORIZED }, { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="spor"' } });
    const rate = apiRateLimiter.take(token.id, now.getTime());
    if (!rate.allowed) {
      return Response.json(
        {
          error: `For mange forespørgsler: højst ${API_RATE_LIMIT.requests} i minuttet pr. nøgle. Prøv igen om ${rate.retryAfterSeconds} sekunder.`,
        },
        { status: 429, headers: { "Retry-After": String(rate.retryAfterSeconds) } },
      );
    }
    const envelope = apiRequestSchema.safeParse(await readJson(request));
    if (!envelope.success) {
      const tooMany = envelope.error.issues.some((i) => i.code === "too_big");
      throw new UserFacingError(envelope.error.issues[0].message, tooMany ? 413 : 400);
    }
    const result = await ingestRegistrations(db(), token, envelope.data.registrations, now);
    if (result.status === "invalid") {
      const items = new Set(result.errors.map((e) => e.index)).size;
      return Response.json(
        { error: `${items === 1 ? "1 registrering har" : `${items} registreringer har`} fejl. Intet er gemt.`, errors: result.errors },
        { status: 422 },
      );
    }
    return Response.json(result, { status: result.created > 0 ? 201 : 200 });
  } catch (error) {
    return jsonError(error);
  }
}
