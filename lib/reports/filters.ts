import { z } from "zod";
import { UserFacingError } from "@/lib/errors";
import { municipalityNumberSchema } from "@/lib/reference/municipalities";
import { REGISTRATION_SOURCES, SOURCE_LABELS } from "@/lib/reference/sources";
import { idSchema } from "@/lib/ids";

// Report filters as they live in the URL, so a report can be bookmarked and shared.
// Parameter names are Danish, like the pages: ?runde=…&enhed=…&opgave=23.05.10&kanal=TLFIND&kilde=UPLOAD.

/** The data sources a report can be filtered on (every registration has one; lib/reference/sources.ts). */
export const SOURCES = REGISTRATION_SOURCES;
export { SOURCE_LABELS };

// A source in any case (the command line's --source upload), checked against the list.
const source = z
  .string()
  .transform((v) => v.trim().toUpperCase())
  .pipe(z.enum(SOURCES, { error: `Ukendt datakilde. Brug ${SOURCES.join(", ")}.` }));

const uuid = idSchema();
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const week = z.string().regex(/^\d{4}-W?\d{1,2}$/);
const code = z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/);

export const reportFiltersSchema = z
  .object({
    kommune: municipalityNumberSchema.optional(),
    runde: code.optional(),
    sammenlign: code.optional(),
    fra: isoDate.optional(),
    til: isoDate.optional(),
    uge: z.array(week).default([]),
    enhed: z.array(uuid).default([]),
    opgave: z.array(code).default([]),
    pakke: code.optional(),
    behov: z.string().max(80).optional(),
    kanal: z.array(code).default([]),
    kilde: z.array(source).default([]),
    udenfor: z.enum(["1"]).optional(),
    efter: z.enum(["kanal", "opgave", "enhed", "uge", "kommune"]).optional(),
    /** Task tables per emne (default) or rolled up to the KLE group (15.20 with 15.20.00 …). */
    niveau: z.enum(["emne", "gruppe"]).optional(),
    /** KL's self-service table with whole percents (the change computed from the rounded rates). */
    afrund: z.enum(["1"]).optional(),
    /** KL only: the municipalities that chose this option in the round's questionnaire (lib/questionnaire). */
    svar: uuid.optional(),
    /** KL only: the self-service rate and channel mix per answer to this single-choice question (lib/reports/answer-grouping.ts). */
    gruppering: uuid.optional(),
  })
  .refine((f) => !f.fra || !f.til || f.fra <= f.til, { message: "Fra-datoen skal ligge før til-datoen." });

export type ReportFilters = z.infer<typeof reportFiltersSchema>;

/** The reports KL can group on an answer of the round questionnaire (`gruppering`, lib/reports/answer-grouping.ts). */
export const GROUPABLE_REPORTS = ["selvbetjening", "kanaler"];
export type Dimension = NonNullable<ReportFilters["efter"]>;

const ARRAY_KEYS = new Set(["uge", "enhed", "opgave", "kanal", "kilde"]);

type ParamSource = URLSearchParams | Record<string, string | string[] | undefined>;

function entries(source: ParamSource): [string, string][] {
  if (source instanceof URLSearchParams) return [...source.entries()];
  return Object.entries(source).flatMap(([k, v]) =>
    v === undefined ? [] : Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]],
  );
}

/** Parses URL parameters (repeated or comma-separated for lists); empty values mean "no filter". */
export function parseReportFilters(source: ParamSource): ReportFilters {
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of entries(source)) {
    const trimmed = value.trim();
    if (!trimmed) continue;
    if (ARRAY_KEYS.has(key)) {
      raw[key] = [
        ...((raw[key] as string[]) ?? []),
        ...trimmed
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      ];
    } else raw[key] = trimmed;
  }
  const parsed = reportFiltersSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UserFacingError(`Ugyldigt filter${issue?.path.length ? ` (${issue.path.join(".")})` : ""}: ${issue?.message ?? ""}`.trim());
  }
  return parsed.data;
}

/** The filters back as URL parameters (for links, downloads and the filter form). */
export function filtersToSearchParams(filters: Partial<ReportFilters>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, String(v));
    else params.set(key, String(value));
  }
  return params;
}

/** "2026-43" or "2026-W43" → 202643. */
export function weekKeyOf(value: string): number {
  const [year, w] = value.replace("W", "").split("-").map(Number);
  if (w < 1 || w > 53) throw new UserFacingError(`Ugyldig uge: ${value}`);
  return year * 100 + w;
}
