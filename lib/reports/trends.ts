import "server-only";
import { consecutiveIsoWeeks, isoWeekKey } from "@/lib/counting/iso-week";
import type { SqlExecutor } from "@/lib/database/sql-executor";
import { FIGURES, type FigureKey, type FigureRow, keyFigures } from "./benchmark";
import type { ReportContext } from "./context";
import { SELF_SERVICE_TARGET } from "./self-service";
import { approvedScopeSources, Params, SUM_Q } from "./sql";
import { taskRoundMatrix } from "./trend-matrix";
import type { FigureBase, ReportChart, ReportDefinition, ReportRow, ReportTable } from "./types";

// Udvikling: every key figure over the rounds, one row per round, each round over its own weeks
// (docs/method.md, "Udvikling over runder"). The figures are the benchmark's and the management
// report's (keyFigures), grouped by round in one query; nationally over approved municipalities only.

type Q = SqlExecutor["query"];

interface TrendRound {
  id: string;
  code: string;
  name: string;
  started: boolean;
  weekKeys: number[];
}

interface RoundInfo {
  id: string;
  package_name: string | null;
  prev_package_name: string | null;
  changed: boolean;
  added: number;
  removed: number;
  approved_count: number | null;
  approved: boolean | null;
}

const DIRECTION = { IN: "Indgående", OUT: "Udgående" } as const;

/** Every national round in start order, with its weeks and whether it has started (Danish date). */
async function allRounds(query: Q): Promise<TrendRound[]> {
  const rows = await query<{
    id: string;
    code: string;
    name: string;
    iso_year: number;
    first_week: number;
    week_count: number;
    started: boolean;
  }>(
    `SELECT id, code, name, iso_year, first_week, week_count, starts_on <= (now() AT TIME ZONE 'Europe/Copenhagen')::date AS started
       FROM counting_round ORDER BY starts_on, code`,
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    started: Boolean(r.started),
    weekKeys: consecutiveIsoWeeks({ isoYear: r.iso_year, isoWeek: r.first_week }, r.week_count).map(isoWeekKey),
  }));
}

/**
 * The rounds shown: from the first round with registrations in the scope to the latest round that
 * has started (or the latest with registrations, if later). Rounds in between without registrations
 * stay, with "–"; rounds before the first counted one do not appear.
 */
function shownRounds<T extends { started: boolean }>(rounds: T[], hasData: (r: T) => boolean): T[] {
  const first = rounds.findIndex(hasData);
  if (first < 0) return [];
  let last = first;
  rounds.forEach((r, i) => {
    if (r.started || hasData(r)) last = Math.max(last, i);
  });
  return rounds.slice(first, last + 1);
}

/**
 * Per shown round: its task package, whether it differs from the previous shown round's, and how many
 * obligatory tasks came in and left; whether the municipality approved the round (or, nationally,
 * how many municipalities did).
 */
async function roundInfo(query: Q, rounds: TrendRound[], municipalityId: string | null): Promise<Map<string, RoundInfo>> {
  const items = (pkg: string) =>
    `SELECT task_id FROM task_package_item WHERE package_id = ${pkg} AND obligatory = true AND removed = false`;
  const rows = await query<RoundInfo>(
    `WITH s AS (
       SELECT x.id, x.ord, r.package_id, lag(r.package_id) OVER (ORDER BY x.ord) AS prev_package, lag(x.id) OVER (ORDER BY x.ord) AS prev_round
         FROM unnest($1::uuid[]) WITH ORDINALITY AS x(id, ord) JOIN counting_round r ON r.id = x.id)
     SELECT s.id, p.name AS package_name, q.name AS prev_package_name,
            (s.prev_round IS NOT NULL AND s.package_id IS DISTINCT FROM s.prev_package) AS changed,
            (SELECT count(*) FROM (${items("s.package_id")} EXCEPT ${items("s.prev_package")}) a)::int AS added,
            (SELECT count(*) FROM (${items("s.prev_package")} EXCEPT ${items("s.package_id")}) b)::int AS removed,
            CASE WHEN $2::uuid IS NULL THEN (SELECT count(*) FROM round_approval a WHERE a.round_id = s.id)::int END AS approved_count,
            CASE WHEN $2::uuid IS NOT NULL THEN EXISTS (SELECT 1 FROM round_approval a WHERE a.round_id = s.id AND a.municipality_id = $2::uuid) END AS approved
       FROM s LEFT JOIN task_package p ON p.id = s.package_id LEFT JOIN task_package q ON q.id = s.prev_package
      ORDER BY s.ord`,
    [rounds.map((r) => r.id), municipalityId],
  );
  return new Map(rows.map((r) => [r.id, { ...r, added: Number(r.added), removed: Number(r.removed) }]));
}

/** "Ny pakke: … (3 obligatoriske opgaver kom til, 2 udgik)": what changed in the task package since the row before. */
function packageNote(info: Pick<RoundInfo, "changed" | "package_name" | "prev_package_name" | "added" | "removed">): string {
  if (!info.changed) return "";
  if (!info.package_name) return "Ingen opgavepakke i runden";
  if (!info.prev_package_name) return "Ny pakke (runden før havde ingen)";
  const task = (n: number) => `${n} obligatorisk${n === 1 ? " opgave" : "e opgaver"}`;
  return `Ny pakke (${task(info.added)} kom til, ${info.removed} udgik)`;
}

/** Inbound and outbound contacts per channel and round, each with its share of the round's direction. */
async function channelsByRound(query: Q, ctx: ReportContext, rounds: TrendRound[]) {
  const p = new Params();
  // Nationally, the rollup without a municipality once every municipality in the weeks has approved
  // (approvedScopeSources): reading the approved ones per municipality with a task filter took 5.8 s
  // at 10 million registrations (one index range per municipality and week, every task read).
  const sources = approvedScopeSources(ctx, p, ["channel"], { weekKeys: [...new Set(rounds.flatMap((r) => r.weekKeys))] });
  const rows = sources
    .map((src) => `SELECT r.iso_year, r.iso_week, r.channel_code, r.quantity FROM ${src.from} WHERE ${src.where}`)
    .join("\n UNION ALL ");
  const ids = p.add(rounds.flatMap((r) => r.weekKeys.map(() => r.id)));
  const keys = p.add(rounds.flatMap((r) => r.weekKeys));
  const ords = p.add(rounds.flatMap((r, i) => r.weekKeys.map(() => i)));
  return query<{
    round_id: string;
    direction: "IN" | "OUT";
    code: string;
    name: string;
    contacts: number;
    in_direction: number;
    share: number | null;
  }>(
    `SELECT a.round_id, c.direction::text AS direction, c.code, c.name, a.contacts,
            sum(a.contacts) OVER (PARTITION BY a.round_id, c.direction) AS in_direction,
            a.contacts / NULLIF(sum(a.contacts) OVER (PARTITION BY a.round_id, c.direction), 0) AS share
       FROM (SELECT w.round_id, min(w.ord) AS ord, r.channel_code, ${SUM_Q} AS contacts
               FROM (${rows}) r JOIN unnest(${ids}::uuid[], ${keys}::int[], ${ords}::int[]) AS w(round_id, week_key, ord)
                 ON w.week_key = r.iso_year * 100 + r.iso_week
              GROUP BY w.round_id, r.channel_code) a
       JOIN channel c ON c.code = a.channel_code
      ORDER BY a.ord, c.direction, c.sort_order, c.code`,
    p.values,
  );
}

const N_LABELS: Record<Exclude<FigureKey, "phone" | "visit">, string> = {
  selfService: "Indgående transaktioner",
  closure: "Med afslutning",
  form: "Spurgt om blanket",
  transactions: "Med type",
};

const MISSING: Record<FigureKey, string> = {
  selfService: "ingen indgående transaktioner i runden (n = 0), så der er ingen grad at regne",
  closure: "ingen henvendelser med en afslutning i runden (n = 0)",
  form: "ingen henvendelser i runden, hvor der blev spurgt om blanket (n = 0)",
  transactions: "ingen henvendelser med en type i runden (n = 0)",
  phone: "ingen indgående henvendelser i runden (n = 0)",
  visit: "ingen indgående henvendelser i runden (n = 0)",
};

export const trends: ReportDefinition = {
  slug: "udvikling",
  title: "Udvikling",
  description:
    "Nøgletallene over alle tællerunder: antal henvendelser, selvbetjeningsgrad, kanalfordeling, afslutning og blanketter pr. runde, med opgavepakkens skift.",
  audience: "unit",
  acrossRounds: true,
  async run(query, context) {
    // Without a municipality the figures are national: approved municipalities only (lib/reports/sql.ts).
    const ctx: ReportContext = context.municipality ? context : { ...context, approvedOnly: true };
    const national = !ctx.municipality;
    const rounds = await allRounds(query);
    const figures = await keyFigures(query, ctx, { national: false, byMunicipality: false, rounds });
    const byRound = new Map(figures.map((f) => [f.round_id!, f]));
    const shown = shownRounds(rounds, (r) => (byRound.get(r.id)?.contacts ?? 0) > 0);
    // The task × round matrix has a column per round the scope counted (rounds without data left out).
    const counted = shown.filter((r) => (byRound.get(r.id)?.contacts ?? 0) > 0);
    const [info, channels, matrix] = shown.length
      ? await Promise.all([
          roundInfo(query, shown, ctx.municipality?.id ?? null),
          channelsByRound(query, ctx, shown),
          taskRoundMatrix(query, ctx, counted),
        ])
      : [new Map<string, RoundInfo>(), [], null];
    const labelOf = (r: TrendRound) => (info.get(r.id)?.changed ? `${r.name} (ny pakke)` : r.name);

    const rows: ReportRow[] = shown.map((r) => {
      const f: FigureRow | undefined = byRound.get(r.id);
      const i = info.get(r.id);
      return {
        round: r.name,
        package: i?.package_name ?? "Ingen pakke",
        packageChange: i ? packageNote(i) : "",
        approved: national ? (i?.approved_count ?? 0) : i?.approved ? "Ja" : "Nej",
        registrations: f?.registrations ?? 0,
        contacts: f?.contacts ?? 0,
        inbound: f?.phoneN ?? 0,
        selfServiceSource: f ? f.selfServiceSource : "Ingen selvbetjening",
        ...Object.fromEntries(
          FIGURES.flatMap((x): [string, number | null][] => [
            [x.key, f?.[x.key] ?? null],
            [`${x.key}N`, f?.[`${x.key}N`] ?? 0],
          ]),
        ),
      };
    });
    const base = (key: FigureKey): FigureBase => {
      const x = FIGURES.find((y) => y.key === key)!;
      return key === "phone" || key === "visit"
        ? { n: "inbound", counts: x.counts, channels: x.channels }
        : { n: `${key}N`, nLabel: N_LABELS[key], counts: x.counts, channels: x.channels };
    };
    const table: ReportTable = {
      id: "pr-runde",
      title: "Nøgletal pr. runde",
      caption: `Nøgletal pr. tællerunde, ${national ? "landsplan (kommuner, der har godkendt runden)" : ctx.municipality!.name}`,
      columns: [
        { key: "round", label: "Tællerunde", kind: "text" },
        { key: "package", label: "Opgavepakke", kind: "text" },
        { key: "packageChange", label: "Pakkeskift", kind: "text" },
        national
          ? { key: "approved", label: "Godkendte kommuner", kind: "count" }
          : { key: "approved", label: "Data godkendt", kind: "text" },
        { key: "registrations", label: "Registreringer", kind: "count" },
        { key: "contacts", label: "Henvendelser (n)", kind: "count" },
        { key: "inbound", label: "Indgående henvendelser", kind: "count" },
        ...FIGURES.map((x) => ({ key: x.key, label: x.label, kind: "share" as const, base: base(x.key) })),
        // Which self-service figures the rate counted: the municipality's own or KL's vendor figures.
        { key: "selfServiceSource", label: "Kilde til selvbetjening", kind: "text" },
      ],
      rows,
      missing: Object.fromEntries(FIGURES.map((x) => [x.key, MISSING[x.key]])),
    };

    const channelRows: ReportRow[] = shown.flatMap((r): ReportRow[] => {
      const own = channels.filter((c) => c.round_id === r.id);
      if (!own.length)
        return [
          {
            round: r.name,
            direction: "",
            channelCode: "",
            channel: "Ingen registreringer i runden",
            contacts: 0,
            share: null,
            inDirection: 0,
          },
        ];
      return own.map((c) => ({
        round: r.name,
        direction: DIRECTION[c.direction],
        channelCode: c.code,
        channel: c.name,
        contacts: Number(c.contacts),
        share: c.share === null ? null : Number(c.share),
        inDirection: Number(c.in_direction),
      }));
    });
    const channelTable: ReportTable = {
      id: "kanaler-pr-runde",
      title: "Kanalfordeling pr. runde",
      caption: "Henvendelser pr. kanal og tællerunde, med andelen af rundens henvendelser i samme retning",
      columns: [
        { key: "round", label: "Tællerunde", kind: "text" },
        { key: "direction", label: "Retning", kind: "text" },
        { key: "channelCode", label: "Kanalkode", kind: "text" },
        { key: "channel", label: "Kanal", kind: "text" },
        { key: "contacts", label: "Henvendelser", kind: "count" },
        {
          key: "share",
          label: "Andel af retningen",
          kind: "share",
          base: {
            n: "inDirection",
            nLabel: "Henvendelser i retningen",
            counts: "rundens henvendelser i samme retning (indgående eller udgående)",
          },
        },
      ],
      rows: channelRows,
      missing: { share: "ingen registreringer i runden" },
    };

    const charts: ReportChart[] = [
      {
        title: "Henvendelser pr. runde",
        caption:
          "Antal henvendelser pr. tællerunde. «(ny pakke)»: rundens opgavepakke er en anden end runden før. Tallene står i tabellen.",
        unit: "count",
        tableId: table.id,
        bars: shown.map((r) => ({ label: labelOf(r), value: byRound.get(r.id)?.contacts ?? 0 })),
      },
      ...FIGURES.map((x): ReportChart => ({
        title: `${x.label} pr. runde`,
        caption: `${x.label} pr. tællerunde${x.key === "selfService" ? "; den stiplede linje er målet på 80 %" : ""}. «(ny pakke)»: rundens opgavepakke er en anden end runden før. Tallene står i tabellen.`,
        unit: "share",
        tableId: table.id,
        ...(x.key === "selfService" ? { target: { value: SELF_SERVICE_TARGET, label: "Mål 80 %" } } : {}),
        bars: shown.map((r) => ({ label: labelOf(r), value: byRound.get(r.id)?.[x.key] ?? null })),
      })),
      {
        title: "Indgående kanaler pr. runde",
        caption: "Hver indgående kanals andel af rundens indgående henvendelser. Tallene står i tabellen.",
        unit: "share",
        tableId: channelTable.id,
        bars: channelRows
          .filter((c) => c.direction === DIRECTION.IN)
          .map((c) => ({ label: `${c.round}: ${c.channel}`, value: c.share as number | null, series: String(c.round) })),
      },
    ];
    const inboundChart = charts[charts.length - 1];
    // One fill per round needs a legend entry per round; with more rounds than fills, one fill for all.
    if (new Set(inboundChart.bars.map((b) => b.series)).size > 3)
      inboundChart.bars = inboundChart.bars.map((b) => ({ label: b.label, value: b.value }));

    return {
      tables: matrix ? [table, matrix, channelTable] : [table, channelTable],
      charts: shown.length ? charts : [],
      notes: [
        "Hver runde er regnet over sine egne uger med de samme filtre. Rækkerne begynder med den første runde, der har registreringer i rapportens område, og slutter med den seneste runde, der er gået i gang; en runde uden registreringer står med 0 henvendelser og «–» ved hvert nøgletal.",
        "«Pakkeskift» står, hvor rundens opgavepakke er en anden end runden før, med hvor mange obligatoriske opgaver der kom til og udgik. Tallene over alle opgaver dækker da ikke de samme opgaver: vælg én opgave (eller én pakke) i filteret for at følge den samme opgave over runderne.",
        "«Selvbetjeningsgrad pr. opgave og runde» har en kolonne pr. runde med registreringer. «–» med en note står, hvor opgaven ikke var i rundens opgavepakke (pakkens navn står i noten og i kolonnen «Ikke i rundens opgavepakke»), eller hvor opgaven ikke havde indgående transaktioner i runden.",
        "Gamle rådata og uploads, der er indlæst for en tidligere runde, tæller med i den runde som alle andre registreringer.",
        national
          ? "Landstal: kun kommuner, der har godkendt deres data for runden, tæller med (kolonnen «Godkendte kommuner»); en runde uden godkendte kommuner står med «–»."
          : "«Data godkendt»: om kommunen har godkendt sine data for runden. Ikke godkendte tal kan stadig ændre sig.",
        ...(shown.length ? [] : ["Der er ingen registreringer i rapportens område i nogen tællerunde endnu."]),
      ],
    };
  },
};
