import "server-only";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { type ReportContext, type RoundRef } from "./context";
import { MIN_OTHER_MUNICIPALITIES } from "./benchmark";
import { parseReportFilters } from "./filters";
import { selfServiceFigure } from "./self-service-figure";
import { Params, ratio, reportSource, SUM_Q, sumQWhere } from "./sql";

// The figures of Det Digitale Landkort (/landkort, public, no sign-in): per round, KL's national
// totals and each municipality's own key figures — the latter only for municipalities whose
// coordinator has published them (municipality.publish_landkort). The national totals use the
// reports' national scope (reportSource with `national`), so they count exactly the municipalities
// every national figure counts. Read from the rollups (report_rollup_national_totals for the totals,
// report_rollup_totals per municipality): a round at 10 M registrations is a few thousand rows.
//
// The unpublished are filtered in the SQL itself, not after: their figures never leave the database
// on a public request (tests/db/landkort-public.test.ts).

/**
 * Digital channels of inbound contacts: everything inbound except personal visits, telephone and paper
 * letters. Web visits (counted in bulk, not contacts with a task in the same sense) are left out of
 * numerator and denominator. docs/method.md, "Det Digitale Landkort".
 */
const NOT_DIGITAL = ["PRSNLG", "TLFIND", "PPRIND"];
const INBOUND_CONTACT = "c.direction = 'IN' AND NOT c.bulk";
const DIGITAL = `${INBOUND_CONTACT} AND r.channel_code <> ALL(ARRAY[${NOT_DIGITAL.map((c) => `'${c}'`).join(", ")}])`;

export interface PublicFigures {
  /** Contacts counted (sum of quantities) in the round's counting weeks. */
  contacts: number;
  /** Self-service rate: self-service share of inbound transactions (the method's definition). */
  selfService: number | null;
  selfServiceN: number;
  /** Share of inbound contacts (web visits aside) through a digital channel. */
  digital: number | null;
  digitalN: number;
}

export interface NationalFigures extends PublicFigures {
  /** Municipalities with registrations in the round (in the national scope). */
  municipalities: number;
  /**
   * True when the figures are withheld (contacts, shares and n are then 0/null): between 1 and
   * MIN_OTHER_MUNICIPALITIES − 1 municipalities counted without publishing, so the national totals
   * minus the published municipalities' figures would give those few municipalities' own figures.
   */
  withheld: boolean;
}

export interface MunicipalityFigures {
  number: number;
  name: string;
  published: boolean;
  /** Null unless published. */
  figures: (PublicFigures & { participated: boolean }) | null;
}

/** A report context for the whole country and one round, with no caller: only the public figures use it. */
export function publicContext(round: RoundRef): ReportContext {
  return {
    municipality: null,
    unitIds: null,
    unitRestricted: false,
    national: true,
    round,
    compareRound: null,
    weekKeys: round.weekKeys,
    from: null,
    to: null,
    taskNumbers: [],
    packageId: null,
    needGroup: null,
    channels: [],
    sources: [],
    includeOutside: false,
    taskLevel: "emne",
    wholePercent: false,
    filters: parseReportFilters({}),
  };
}

// The self-service rate is not among these: it comes from selfServiceFigure (self-service-figure.ts),
// one source per municipality, task and week, as in every report.
const FIGURE_SQL = `${SUM_Q} AS contacts,
  ${ratio(sumQWhere(DIGITAL), sumQWhere(INBOUND_CONTACT))} AS digital, ${sumQWhere(INBOUND_CONTACT)} AS "digitalN"`;

type Row = { contacts: number; selfService: number | null; selfServiceN: number; digital: number | null; digitalN: number };
const figuresOf = (r: Row | undefined): PublicFigures => ({
  contacts: Number(r?.contacts ?? 0),
  selfService: r?.selfService == null ? null : Number(r.selfService),
  selfServiceN: Number(r?.selfServiceN ?? 0),
  digital: r?.digital == null ? null : Number(r.digital),
  digitalN: Number(r?.digitalN ?? 0),
});

/** KL's national totals for the round: every municipality in the national scope, published or not. */
export async function nationalFigures(query: SqlExecutor["query"], ctx: ReportContext): Promise<NationalFigures> {
  const p = new Params();
  const src = reportSource(ctx, p, ["channel", "type"], { national: true });
  const self = selfServiceFigure(ctx, p, { national: true });
  const [totals] = await query<Row>(
    `SELECT f.*, s.rate AS "selfService", s.tx AS "selfServiceN"
       FROM (SELECT ${FIGURE_SQL} FROM ${src.from} JOIN channel c ON c.code = r.channel_code WHERE ${src.where}) f, ${self} s`,
    p.values,
  );
  const q = new Params();
  const counted = reportSource(ctx, q, ["municipality"], { national: true });
  // A municipality counts when it has registrations or self-service figures in the totals (KL's vendor
  // figures only): either way the totals hold its figures, so it decides whether they are withheld.
  const [{ municipalities }] = await query<{ municipalities: number }>(
    `SELECT count(*)::int AS municipalities FROM (
       SELECT r.municipality_id FROM ${counted.from} WHERE ${counted.where}
       UNION SELECT s.municipality_id FROM ${selfServiceFigure(ctx, q, { national: true, byMunicipality: true })} s WHERE s.tx > 0) m`,
    q.values,
  );
  return { ...figuresOf(totals), municipalities: Number(municipalities), withheld: false };
}

/**
 * The national totals as they may be shown next to the published municipalities' figures: withheld
 * when 1–4 municipalities counted without publishing, because subtracting the published figures from
 * the totals would reveal theirs (the same rule of at least MIN_OTHER_MUNICIPALITIES as the benchmark,
 * docs/method.md, "Comparisons across municipalities"). None unpublished (all published) or 5 and more: shown.
 */
export function publicNational(national: NationalFigures, municipalities: MunicipalityFigures[]): NationalFigures {
  const publishedCounted = municipalities.filter((m) => m.figures?.participated).length;
  const hidden = national.municipalities - publishedCounted;
  if (hidden === 0 || hidden >= MIN_OTHER_MUNICIPALITIES) return national;
  return {
    municipalities: national.municipalities,
    contacts: 0,
    selfService: null,
    selfServiceN: 0,
    digital: null,
    digitalN: 0,
    withheld: true,
  };
}

/** Every municipality, with its own figures only when it has published them ("ikke offentliggjort" otherwise). */
export async function municipalityFigures(query: SqlExecutor["query"], ctx: ReportContext): Promise<MunicipalityFigures[]> {
  const p = new Params();
  const src = reportSource(ctx, p, ["municipality", "channel", "type"], { national: true });
  const self = selfServiceFigure(ctx, p, { national: true, byMunicipality: true });
  const rows = await query<Row & { number: number; name: string; published: boolean; participated: boolean }>(
    `SELECT m.number, m.name, m.publish_landkort AS published, (f.municipality_id IS NOT NULL OR COALESCE(s.tx, 0) > 0) AS participated,
            f.contacts, s.rate AS "selfService", s.tx AS "selfServiceN", f.digital, f."digitalN"
     FROM municipality m
     LEFT JOIN (SELECT r.municipality_id, ${FIGURE_SQL}
                FROM ${src.from} JOIN channel c ON c.code = r.channel_code
                WHERE ${src.where} AND r.municipality_id IN (SELECT id FROM municipality WHERE publish_landkort)
                GROUP BY r.municipality_id) f ON f.municipality_id = m.id
     LEFT JOIN ${self} s ON s.municipality_id = m.id AND m.publish_landkort
     ORDER BY m.number`,
    p.values,
  );
  return rows.map((r) => ({
    number: Number(r.number),
    name: r.name,
    published: r.published,
    figures: r.published ? { ...figuresOf(r), participated: r.participated } : null,
  }));
}
