import { REFERENCE_KINDS } from "@/lib/coverage/reference-rows";
import { coverageColumns, hourlyCoverage } from "./coverage-hours";
import { Params, ratio, reportSource } from "./sql";
import type { ReportDefinition, ReportRow } from "./types";

// «Dækning» (issue 16, docs/method.md "Dækning"): how many of the contacts another system counted
// (answered calls, visits served, self-service applications — lib/coverage) were registered, per
// unit, day and channel; for KL across municipalities, per municipality, day and channel. A figure
// below the coordinator's threshold (default 80 %) comes first. A reference count of 0 gives "–".
// Registrations are the reports' usual ones (no test rows, inside the counting weeks unless the
// filter says otherwise); reference counts are read for the same days.

const REFERENCE_CHANNELS = [...new Set(Object.values(REFERENCE_KINDS).flatMap((k) => k.channels))];
const DAY = new Intl.DateTimeFormat("da-DK", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** The reference counts' day filter: the context's weeks, or its dates. */
function referenceDays(ctx: Parameters<ReportDefinition["run"]>[1], p: Params): string {
  const where: string[] = [];
  if (ctx.weekKeys) where.push(`(extract(isoyear FROM c.day) * 100 + extract(week FROM c.day))::int = ANY(${p.add(ctx.weekKeys)}::int[])`);
  if (ctx.from) where.push(`c.day >= ${p.add(ctx.from)}::date`);
  if (ctx.to) where.push(`c.day <= ${p.add(ctx.to)}::date`);
  return where.length ? where.join(" AND ") : "true";
}

export const coverage: ReportDefinition = {
  slug: "daekning",
  title: "Dækning",
  description:
    "Hvor mange af de opkald, besøg og selvbetjeningsansøgninger, andre systemer talte, blev registreret – pr. enhed, dag og kanal.",
  audience: "unit",
  async run(query, ctx) {
    const p = new Params();
    const perMunicipality = !ctx.municipality;
    const src = reportSource(ctx, p, ["municipality", "unit", "day", "channel"]);
    const channels = p.add(REFERENCE_CHANNELS);
    const days = referenceDays(ctx, p);
    const scope = ctx.municipality ? `c.municipality_id = ${p.add(ctx.municipality.id)}::uuid` : "true";
    // A unit lead sees their units' rows only, never the whole municipality's.
    const units = ctx.unitIds ? `AND c.unit_id = ANY(${p.add(ctx.unitIds)}::uuid[])` : "";
    // Per municipality (KL): a municipality-wide count for a day and channel wins over its units' counts.
    const ref = perMunicipality
      ? `SELECT c.municipality_id AS key, c.day, c.channel_code,
                CASE WHEN bool_or(c.unit_id IS NULL) THEN sum(c.count) FILTER (WHERE c.unit_id IS NULL) ELSE sum(c.count) END::float8 AS reference
         FROM reference_count c WHERE ${scope} AND ${days} GROUP BY 1, 2, 3`
      : `SELECT c.unit_id AS key, c.day, c.channel_code, sum(c.count)::float8 AS reference
         FROM reference_count c WHERE ${scope} AND ${days} ${units} GROUP BY 1, 2, 3`;
    const regKey = perMunicipality ? "r.municipality_id" : "r.unit_id";
    const threshold = ctx.municipality
      ? `(SELECT coverage_threshold FROM municipality WHERE id = ${p.add(ctx.municipality.id)}::uuid)`
      : "m.coverage_threshold";
    const rows = await query<{
      label: string;
      day: Date;
      channel_code: string;
      channel: string;
      registered: number;
      reference: number;
      coverage: number | null;
      threshold: number;
    }>(
      `WITH ref AS (${ref}),
       reg AS (SELECT ${regKey} AS key, (r.occurred_at AT TIME ZONE 'Europe/Copenhagen')::date AS day, r.channel_code, sum(r.quantity)::float8 AS registered
               FROM ${src.from} WHERE ${src.where} AND r.channel_code = ANY(${channels}::text[]) GROUP BY 1, 2, 3),
       reg_all AS (SELECT day, channel_code, sum(registered) AS registered FROM reg GROUP BY 1, 2),
       joined AS (
         SELECT ref.key, ref.day, ref.channel_code, ref.reference,
                COALESCE(CASE WHEN ref.key IS NULL THEN a.registered ELSE g.registered END, 0)::float8 AS registered
         FROM ref
         LEFT JOIN reg g ON g.key = ref.key AND g.day = ref.day AND g.channel_code = ref.channel_code
         LEFT JOIN reg_all a ON ref.key IS NULL AND a.day = ref.day AND a.channel_code = ref.channel_code)
       SELECT ${perMunicipality ? "m.name" : "COALESCE(u.name, 'Hele kommunen')"} AS label, j.day, j.channel_code, ch.name || CASE ch.direction WHEN 'IN' THEN ' ind' ELSE ' ud' END AS channel,
              j.registered, j.reference, ${ratio("j.registered", "j.reference")} AS coverage, ${threshold}::float8 / 100 AS threshold
       FROM joined j
       JOIN channel ch ON ch.code = j.channel_code
       ${perMunicipality ? "JOIN municipality m ON m.id = j.key" : "LEFT JOIN unit u ON u.id = j.key"}
       ORDER BY (${ratio("j.registered", "j.reference")} < ${threshold}::float8 / 100) IS TRUE DESC, ${ratio("j.registered", "j.reference")} NULLS LAST, label, j.day, j.channel_code`,
      p.values,
    );
    const out: ReportRow[] = rows.map((r) => {
      const share = r.coverage === null ? null : Number(r.coverage);
      return {
        label: r.label,
        day: DAY.format(new Date(r.day)),
        channel: r.channel,
        registered: Number(r.registered),
        reference: Number(r.reference),
        coverage: share,
        below: share !== null && share < Number(r.threshold) ? "Under grænsen" : "",
      };
    });
    const below = out.filter((r) => r.below).length;
    // Where another system counted per hour, the hours too (lib/reports/coverage-hours.ts).
    const hourly = await hourlyCoverage(query, ctx, { channels: REFERENCE_CHANNELS, days: (q) => referenceDays(ctx, q) });
    const thresholdText = ctx.municipality && rows.length ? ` (grænsen er ${Math.round(Number(rows[0].threshold) * 100)} %)` : "";
    return {
      tables: [
        {
          id: "daekning",
          title: perMunicipality ? "Dækning pr. kommune" : "Dækning pr. enhed",
          caption: `Registrerede henvendelser mod referencetal pr. ${perMunicipality ? "kommune" : "enhed"}, dag og kanal; under grænsen først`,
          columns: coverageColumns(perMunicipality, false),
          rows: out,
          missing: { coverage: "referencetallet er 0" },
        },
        ...(hourly ? [hourly] : []),
      ],
      charts: [],
      notes: [
        out.length
          ? below
            ? `${below} ${below === 1 ? "række ligger" : "rækker ligger"} under grænsen${thresholdText}.`
            : `Alle rækker ligger på eller over grænsen${thresholdText}.`
          : "Der er ingen referencetal for perioden. En tovholder indlæser dem under Dækning.",
        "Dækning er registrerede henvendelser på kanalen delt med det antal, et andet system talte samme dag (telefon ind mod besvarede opkald, personligt fremmøde mod betjente besøg, selvbetjening mod modtagne ansøgninger). Over 100 % kan betyde, at også ubesvarede eller udgående kontakter blev registreret.",
        ...(hourly
          ? [
              "«Dækning pr. time» viser de timer, hvor et andet system talte pr. time, mod registreringerne i samme time (dansk tid). Kun registreringer med klokkeslæt tæller dér: indlæste tal med kun en dato og masseregistreringer for en hel uge har ingen time.",
            ]
          : []),
      ],
    };
  },
};
