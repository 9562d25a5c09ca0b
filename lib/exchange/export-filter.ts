import "server-only";
import { z } from "zod";
import { type Access, coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { addDays, instantAt, isIsoDateString, mondayOfIsoWeek, parseIsoDate } from "@/lib/counting/iso-week";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ExportFilter, ExportFormat } from "./export-lines";
import { municipalityNumberSchema } from "@/lib/reference/municipalities";
import { idSchema, isId } from "@/lib/ids";

// A real calendar date: 2026-02-30 is refused here rather than failing later as a 500.
const date = z.string().refine(isIsoDateString, "Datoer skrives åååå-mm-dd og skal findes i kalenderen.");
const list = z.array(z.string()).default([]);
const isUuid = (id: string) => isId(id);
/** Task ids: malformed ones are dropped (they could match nothing), as before. */
const uuids = z
  .array(z.string())
  .default([])
  .transform((ids) => ids.filter(isUuid));

export const exportQuerySchema = z.object({
  kommune: municipalityNumberSchema.optional(),
  fra: date.optional(),
  til: date.optional(),
  runde: idSchema("Ukendt tællerunde.").optional(),
  format: z.enum(["csv", "legacy"]).default("csv"),
  enhed: list,
  opgave: uuids,
  kanal: list,
});
export type ExportQuery = z.infer<typeof exportQuerySchema>;

export function exportQueryFromSearchParams(params: URLSearchParams) {
  // A form's empty fields ("Alle kanaler", no date) arrive as empty strings and mean "no filter".
  const one = (name: string) => params.get(name) || undefined;
  const all = (name: string) => params.getAll(name).filter(Boolean);
  return exportQuerySchema.safeParse({
    kommune: one("kommune"),
    fra: one("fra"),
    til: one("til"),
    runde: one("runde"),
    format: one("format"),
    enhed: all("enhed"),
    opgave: all("opgave"),
    kanal: all("kanal"),
  });
}

/**
 * Turns a request into a filter the caller may use: coordinators only ever get their own
 * municipality; national staff any one, or all when no municipality is named.
 */
export async function resolveExportFilter(
  prisma: PrismaClient,
  access: Access,
  query: ExportQuery,
): Promise<{ filter: ExportFilter; format: ExportFormat; label: string }> {
  let municipalityIds: string[] = [];
  let label = "alle-kommuner";
  if (query.kommune !== undefined) {
    const municipality = await prisma.municipality.findUnique({ where: { number: query.kommune }, select: { id: true, number: true } });
    if (!municipality || !(isNational(access) || coordinatorMunicipalityIds(access).includes(municipality.id))) {
      throw new AccessDeniedError("Du kan ikke eksportere den kommunes data.");
    }
    municipalityIds = [municipality.id];
    label = `kommune-${municipality.number}`;
  } else if (!isNational(access)) {
    municipalityIds = coordinatorMunicipalityIds(access);
    if (municipalityIds.length === 0) throw new AccessDeniedError();
  }
  let from = query.fra ? instantAt(parseIsoDate(query.fra), 0) : undefined;
  let to = query.til ? instantAt(addDays(parseIsoDate(query.til), 1), 0) : undefined;
  if (query.runde) {
    const round = await prisma.countingRound.findUnique({
      where: { id: query.runde },
      select: { isoYear: true, firstWeek: true, weekCount: true },
    });
    if (!round) throw new UserFacingError("Ukendt tællerunde.");
    const monday = mondayOfIsoWeek(round.isoYear, round.firstWeek);
    from = instantAt(monday, 0);
    to = instantAt(addDays(monday, 7 * round.weekCount), 0);
  }
  if (from && to && from >= to) throw new UserFacingError("Slutdatoen skal ligge efter startdatoen.");
  // Unit ids must belong to the chosen municipalities: filter them through the scope, silently dropping others.
  const unitIds = query.enhed.length
    ? (
        await prisma.unit.findMany({
          where: { id: { in: query.enhed.filter(isUuid) }, ...(municipalityIds.length ? { municipalityId: { in: municipalityIds } } : {}) },
          select: { id: true },
        })
      ).map((u) => u.id)
    : [];
  if (query.enhed.length && unitIds.length === 0) throw new UserFacingError("Ingen af de valgte enheder findes.");
  return {
    filter: { municipalityIds, from, to, unitIds, taskIds: query.opgave, channelCodes: query.kanal },
    format: query.format,
    label,
  };
}
