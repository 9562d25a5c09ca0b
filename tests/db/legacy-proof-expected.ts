import { CHANNELS, CONTACT_TYPE_GROUP_LABELS, CONTACT_TYPES } from "@/lib/reference/codes";
import { DEFAULT_CHANNEL_PRICES_ORE } from "@/lib/seed/prices";
import {
  closureAnswer,
  formAnswer,
  groupBy,
  groupOf,
  pgRound,
  read,
  type ReadFields,
  type RowFacts,
  selfService,
  sumQ,
  timing,
  yesNo,
} from "./report-method-expected";

// Every report figure of an imported old raw export, computed from the file's own lines in plain
// TypeScript — no SQL, no Spor report or import code — by the method (docs/method.md): the rules of
// reading a row are report-method-expected.ts's (shared with report-method.test.ts); what the file
// says about time, weeks and sources is read here from the text itself. Channel facts (direction,
// self-service, form asked, bulk), contact-type groups and KL's default prices are the method's
// reference tables (lib/reference/codes.ts, lib/seed/prices.ts).

export const FIXTURE = "tests/fixtures/legacy/koege-2012-2013-raw-export.csv";
/** The unit the coordinator names at import as having measured time (--timed-units). */
export const TIMED_UNITS = ["koege_jc"];

/** KL's rounds in the file's years (docs/method.md, "Counting weeks and rounds"): three ISO weeks from week 43. */
export const ROUNDS = {
  "spring-2012": [201217, 201218, 201219],
  "autumn-2012": [201243, 201244, 201245],
  "autumn-2013": [201343, 201344, 201345],
} as const;
export type Round = keyof typeof ROUNDS;
/** The round before (by start): the self-service comparison's default. */
const PREVIOUS: Partial<Record<Round, Round>> = { "autumn-2012": "spring-2012", "autumn-2013": "autumn-2012" };

/** The weeks a municipality counts after joining the rounds its data falls in: each such round's weeks with data, and its first week. */
export function joinedWeeks(dataWeeks: ReadonlySet<number>): Set<number> {
  return new Set(
    Object.values(ROUNDS).flatMap((weeks) =>
      weeks.some((w) => dataWeeks.has(w)) ? weeks.filter((w, i) => i === 0 || dataWeeks.has(w)) : [],
    ),
  );
}

const SOURCES: Record<string, string> = { Tracetool: "LEGACY_TRACETOOL", DetDigitaleLandkort: "LEGACY_LANDKORT", "": "LEGACY_IMPORT" };

/** One line of the file as the reports must read it. */
export interface FileRow extends RowFacts, ReadFields {
  line: number;
  /** The unit's login ("" for a row without a unit). */
  unit: string;
  source: string;
  /** The local (Danish) date and time as written: "2013-10-21", seconds into the day. */
  date: string;
  timeOfDay: number;
  hour: number;
  /** ISO weekday of the local date, 1 = Monday. */
  dow: number;
  weekKey: number;
  /** Only a date: an uploaded (Landkort) row at exactly 00:00:00; TraceTool's rows have a time of day (docs/method.md, "Time"). */
  dateOnly: boolean;
  inCountingWeek: boolean;
  answers: Record<string, string>;
}

/** ISO week of a calendar date (the Thursday of its week decides the year). */
function isoWeek(y: number, m: number, d: number): { weekKey: number; dow: number } {
  const day = new Date(Date.UTC(y, m - 1, d));
  const dow = ((day.getUTCDay() + 6) % 7) + 1;
  const thursday = new Date(day.getTime() + (4 - dow) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 / 7) + 1;
  return { weekKey: year * 100 + week, dow };
}

/** "21-10-2013 09:15:00" → its parts; durations are taken between such stamps as written. */
function stamp(value: string) {
  const [d, m, y, hh, mi, ss] = value.split(/[- :]/).map(Number);
  return { y, m, d, seconds: hh * 3600 + mi * 60 + ss, naive: new Date(Date.UTC(y, m - 1, d, hh, mi, ss)) };
}

/**
 * The file's rows: ISO-8859-1 text, CRLF lines, ";" fields with a trailing ";". The municipality
 * joins the rounds its data falls in with the weeks the data covers plus each round's first week
 * (docs/method.md, "Imports tell the truth before they write"); rows in other weeks are outside.
 */
export function readFixture(bytes: Uint8Array): { questions: string[]; rows: FileRow[]; lines: string[] } {
  const lines = Buffer.from(bytes).toString("latin1").split("\r\n");
  if (lines.pop() !== "") throw new Error("the file must end with CRLF");
  const header = lines[0].split(";").slice(0, -1);
  const questions = header.slice(12);
  const parsed = lines.slice(1).map((text, i) => {
    const c = text.split(";");
    const at = stamp(c[8]);
    const { weekKey, dow } = isoWeek(at.y, at.m, at.d);
    const [start, end] = [c[9] ? stamp(c[9]).naive : null, c[10] ? stamp(c[10]).naive : null];
    const answers: Record<string, string> = {};
    questions.forEach((q, k) => c[12 + k] && (answers[q] = c[12 + k]));
    return {
      line: i + 2,
      unit: c[2],
      task: c[3],
      channel: c[4],
      type: c[5] || null,
      closure: c[6] || null,
      form: c[7] === "JA" ? true : c[7] === "NEJ" ? false : null,
      quantity: 1,
      startedAt: start,
      endedAt: end,
      measured: TIMED_UNITS.includes(c[2]) && start !== null && end !== null,
      source: SOURCES[c[11]],
      date: `${at.y}-${String(at.m).padStart(2, "0")}-${String(at.d).padStart(2, "0")}`,
      timeOfDay: at.seconds,
      hour: Math.floor(at.seconds / 3600),
      dow,
      weekKey,
      dateOnly: at.seconds === 0 && c[11] !== "Tracetool",
      answers,
    };
  });
  const counted = joinedWeeks(new Set(parsed.map((r) => r.weekKey)));
  const rows = parsed.map((r) => ({ ...read(r), inCountingWeek: counted.has(r.weekKey) }));
  return { questions, rows, lines };
}

/** The report filters this proof uses, as URL parameters. */
export interface Params {
  runde?: Round;
  sammenlign?: Round;
  fra?: string;
  til?: string;
  udenfor?: "1";
  kilde?: string;
  niveau?: "gruppe";
  efter?: string;
  afrund?: "1";
  /** A unit by its login (the test passes its id). */
  enhed?: string;
  kanal?: string;
  opgave?: string;
  /** KL over all municipalities (no `kommune`): national figures, approved rounds only. */
  alle?: "1";
}

/** The rows a report sees: inside the counting weeks (unless asked), in the round's weeks or dates, of the sources. */
export function scope(rows: readonly FileRow[], p: Params, weeks: readonly number[] | null = p.runde ? ROUNDS[p.runde] : null): FileRow[] {
  return rows.filter(
    (r) =>
      (p.udenfor === "1" || r.inCountingWeek) &&
      (!weeks || weeks.includes(r.weekKey)) &&
      (weeks !== null || ((!p.fra || r.date >= p.fra) && (!p.til || r.date <= p.til))) &&
      (!p.kilde || r.source === p.kilde) &&
      (!p.enhed || (r.unit || "(kommune)") === p.enhed) &&
      (!p.kanal || r.channel === p.kanal) &&
      // A task filter picks the task as the reports read it; rolled up to KLE groups, a group also picks its emner.
      (!p.opgave || r.rTask === p.opgave || (p.niveau === "gruppe" && groupOf(r.rTask) === p.opgave)),
  );
}

// ---- Expected tables ------------------------------------------------------------------------------

export type Figure = number | string | null;
export type Fields = Record<string, Figure>;
export interface ExpectedTable {
  /** Rows by key (see `key`), each with its figures. */
  rows: Map<string, Fields>;
  /** How an output row is keyed: a column, or columns joined with "|". */
  key: string[];
  /** Keep the output's row order (tables with an order the method sets, KL's table). */
  ordered?: boolean;
  total?: Fields;
}
export type Expected = Record<string, ExpectedTable>;

/** What the lookups by id need: unit ids by login and the package's items. */
export interface Lookup {
  unitIdByLogin: Map<string, string>;
  unitNameByLogin: Map<string, string>;
  /** Active units' logins. */
  logins: string[];
  /** The round's package items in package order: number, KL's title, removed. */
  packageItems: (round: Round) => { number: string; removed: boolean }[];
}

const channel = new Map(CHANNELS.map((c) => [c.code, c]));
const taskKey = (p: Params) => (r: FileRow) => (p.niveau === "gruppe" ? groupOf(r.rTask) : r.rTask);
const share = (a: number, b: number) => (b > 0 ? a / b : null);

function dimensionKey(dimension: string, p: Params, lookup: Lookup): (r: FileRow) => string {
  switch (dimension) {
    case "kanal":
      return (r) => r.channel;
    case "opgave":
      return taskKey(p);
    case "enhed":
      return (r) => lookup.unitIdByLogin.get(r.unit || "(kommune)")!;
    case "uge":
      return (r) => String(r.weekKey);
    case "kommune":
      return () => "259";
  }
  throw new Error(dimension);
}

function channelMix(rows: FileRow[], key: ((r: FileRow) => string) | null): ExpectedTable {
  const out = new Map<string, Fields>();
  for (const [k, list] of groupBy(rows, (r) => (key ? key(r) : ""))) {
    const byDirection = groupBy(list, (r) => r.inbound);
    for (const [code, ch] of groupBy(list, (r) => r.channel)) {
      const inDirection = sumQ(byDirection.get(ch[0].inbound)!);
      out.set(key ? `${k}|${code}` : code, { contacts: sumQ(ch), inDirection, share: sumQ(ch) / inDirection });
    }
  }
  return { rows: out, key: key ? ["code", "channelCode"] : ["channelCode"] };
}

function selfServiceTables(all: readonly FileRow[], p: Params, lookup: Lookup): Expected {
  const now = scope(all, p);
  // By default the latest earlier round with rows in the reader's scope (municipality, unit, counting weeks).
  let compare = p.sammenlign;
  for (let r = p.runde ? PREVIOUS[p.runde] : undefined; !compare && r; r = PREVIOUS[r]) {
    if (scope(all, { udenfor: p.udenfor, enhed: p.enhed }, ROUNDS[r]).length) compare = r;
  }
  const before = compare ? scope(all, p, ROUNDS[compare]) : [];
  const key = taskKey(p);
  const change = (a: number | null, b: number | null) => (a !== null && b !== null ? pgRound((a - b) * 1000) / 10 : null);
  const line = (n: FileRow[], b: FileRow[]): Fields => {
    const [x, y] = [selfService(n), selfService(b)];
    return {
      self: x.self,
      tx: x.tx,
      rate: x.rate,
      ...(compare ? { earlierTx: y.tx, earlier: y.rate, change: change(x.rate, y.rate) } : {}),
    };
  };
  const nowBy = groupBy(now, key);
  const beforeBy = groupBy(before, key);
  const rows = new Map(
    [...new Set([...nowBy.keys(), ...beforeBy.keys()])].map((k) => [k, line(nowBy.get(k) ?? [], beforeBy.get(k) ?? [])]),
  );
  const tables: Expected = { "pr-opgave": { rows, key: ["code"], total: line(now, before) } };
  if (p.runde) {
    // KL's table: the package's tasks in order, matched exactly (emne level, whatever niveau says).
    const items = lookup.packageItems(p.runde).filter((i) => !i.removed);
    const whole = p.afrund === "1";
    const rate = (s: { self: number; tx: number }) => (s.tx > 0 ? (whole ? pgRound((100 * s.self) / s.tx) / 100 : s.self / s.tx) : null);
    const dash = (has: boolean, v: number | null): Figure => (has && v !== null ? v : "–");
    const kl = (n: FileRow[], b: FileRow[]): Fields => {
      const [x, y] = [selfService(n), selfService(b)];
      const [rn, rb] = [rate(x), rate(y)];
      return {
        selfNow: dash(n.length > 0, x.self),
        txNow: dash(n.length > 0, x.tx),
        rateNow: dash(n.length > 0, rn),
        ...(compare
          ? {
              selfBefore: dash(b.length > 0, y.self),
              txBefore: dash(b.length > 0, y.tx),
              rateBefore: dash(b.length > 0, rb),
              change: rn !== null && rb !== null ? (whole ? pgRound((rn - rb) * 100) : pgRound((rn - rb) * 1000) / 10) : "–",
            }
          : {}),
      };
    };
    const inPackage = (r: FileRow) => items.some((i) => i.number === r.rTask);
    tables.kl = {
      rows: new Map(
        items.map((i) => [
          i.number,
          kl(
            now.filter((r) => r.rTask === i.number),
            before.filter((r) => r.rTask === i.number),
          ),
        ]),
      ),
      key: ["code"],
      ordered: true,
      total: kl(now.filter(inPackage), before.filter(inPackage)),
    };
  }
  return tables;
}

function contactTypes(rows: FileRow[]): Expected {
  const typed = sumQ(rows.filter((r) => r.rType !== null));
  const groupOfType = new Map(CONTACT_TYPES.map((t) => [t.code, t.group]));
  const group = (r: FileRow) => (r.rType === null ? "Uden type" : CONTACT_TYPE_GROUP_LABELS[groupOfType.get(r.rType)!]);
  const fields = (list: FileRow[], typedRows: boolean): Fields => ({
    contacts: sumQ(list),
    share: typedRows ? sumQ(list) / typed : null,
    typed,
  });
  const total = { contacts: sumQ(rows), share: null, typed };
  return {
    "pr-gruppe": {
      rows: new Map([...groupBy(rows, group)].map(([g, list]) => [g, fields(list, g !== "Uden type")])),
      key: ["label"],
      total,
    },
    "pr-type": {
      rows: new Map([...groupBy(rows, (r) => r.rType ?? "")].map(([t, list]) => [t, fields(list, t !== "")])),
      key: ["code"],
      total,
    },
  };
}

function yesNoTable(rows: FileRow[], key: (r: FileRow) => string, value: (r: FileRow) => boolean | null): ExpectedTable {
  const fields = (list: FileRow[]): Fields => {
    const y = yesNo(list, value);
    return { yes: y.yes, no: y.no, none: y.total - y.answered, total: y.total, answered: y.answered, share: y.share };
  };
  return { rows: new Map([...groupBy(rows, key)].map(([k, list]) => [k, fields(list)])), key: ["code"], total: fields(rows) };
}

function cost(rows: FileRow[]): Expected {
  const price = (code: string) => (DEFAULT_CHANNEL_PRICES_ORE[code] ?? 0) / 100;
  const perChannel = [...groupBy(rows, (r) => r.channel)].map(([code, list]): [string, Fields] => [
    code,
    { contacts: sumQ(list), price: price(code), cost: sumQ(list) * price(code) },
  ]);
  return {
    "pr-kanal": {
      rows: new Map(perChannel),
      key: ["code"],
      total: { contacts: sumQ(rows), price: null, cost: perChannel.reduce((s, [, f]) => s + (f.cost as number), 0) },
    },
    priser: {
      rows: new Map(
        CHANNELS.map((c) => {
          const national = c.code in DEFAULT_CHANNEL_PRICES_ORE ? DEFAULT_CHANNEL_PRICES_ORE[c.code] / 100 : null;
          return [c.code, { national, local: null, inForce: national ?? 0 }];
        }),
      ),
      key: ["code"],
    },
  };
}

function whenTable(rows: FileRow[]): Expected {
  const days = (list: FileRow[]) => Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [`d${d}`, sumQ(list.filter((r) => r.dow === d))]));
  const timed = rows.filter((r) => !r.dateOnly);
  const hours = new Set([...timed.map((r) => r.hour), 8, 9, 10, 11, 12, 13, 14, 15]);
  const label = (h: number) => `${String(h).padStart(2, "0")}.00–${String(h).padStart(2, "0")}.59`;
  const out = new Map<string, Fields>(
    [...hours]
      .sort((a, b) => a - b)
      .map((h) => {
        const list = timed.filter((r) => r.hour === h);
        return [label(h), { ...days(list), undated: 0, total: sumQ(list) }];
      }),
  );
  const dated = rows.filter((r) => r.dateOnly);
  if (dated.length) out.set("Uden klokkeslæt", { ...days(dated), undated: 0, total: sumQ(dated) });
  return { "ugedag-time": { rows: out, key: ["label"], ordered: true, total: { ...days(rows), undated: 0, total: sumQ(rows) } } };
}

function handlingTime(rows: FileRow[], p: Params): Expected {
  const measured = rows.filter((r) => r.seconds !== null);
  const fields = (list: FileRow[]): Fields => {
    const t = timing(list);
    return { timed: t.timed, average: t.average, median: t.median, total: t.total };
  };
  const table = (key: (r: FileRow) => string): ExpectedTable => ({
    rows: new Map([...groupBy(measured, key)].map(([k, list]) => [k, fields(list)])),
    key: ["code"],
    total: measured.length ? fields(measured) : undefined,
  });
  return { "pr-opgave": table(taskKey(p)), "pr-kanal": table((r) => r.channel) };
}

function answers(rows: FileRow[], questions: string[], allRows: readonly FileRow[]): Expected {
  const out: Expected = {};
  const asked = questions.filter((q) => rows.some((r) => r.answers[q]));
  asked.forEach((q, i) => {
    const answered = rows.filter((r) => r.answers[q]);
    const total = sumQ(answered);
    // The options are every answer the file gave (the import created them all), also those not in this scope.
    const options = [...new Set(allRows.map((r) => r.answers[q]).filter(Boolean))];
    const id = `spoergsmaal-${i + 1}`;
    out[id] = {
      rows: new Map(
        options.map((o) => [
          o,
          {
            contacts: sumQ(answered.filter((r) => r.answers[q] === o)),
            share: share(sumQ(answered.filter((r) => r.answers[q] === o)), total),
            answered: total,
          },
        ]),
      ),
      key: ["label"],
      total: { contacts: total, share: total ? 1 : null, answered: total },
    };
    const name = (code: string) => `${channel.get(code)!.name}, ${channel.get(code)!.direction === "IN" ? "indgående" : "udgående"}`;
    out[`${id}-kanaler`] = {
      rows: new Map(
        [...groupBy(answered, (r) => r.channel)].map(([code, list]) => [
          name(code),
          { ...Object.fromEntries(options.map((o) => [`option:${o}`, sumQ(list.filter((r) => r.answers[q] === o))])), total: sumQ(list) },
        ]),
      ),
      key: ["label"],
    };
  });
  if (!asked.length) out.spoergsmaal = { rows: new Map(), key: ["label"] };
  return out;
}

const MONTHS = ["jan.", "feb.", "mar.", "apr.", "maj", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec."];

function unitParticipation(rows: FileRow[], p: Params, lookup: Lookup): Expected {
  const byUnit = groupBy(rows, (r) => r.unit || "(kommune)");
  return {
    enheder: {
      rows: new Map(
        lookup.logins
          .filter((login) => !p.enhed || login === p.enhed)
          .map((login) => {
            const list = byUnit.get(login) ?? [];
            const when = (r: FileRow) => `${r.date} ${String(r.timeOfDay).padStart(5, "0")}`;
            const latest = list.reduce<FileRow | null>((a, r) => (!a || when(r) > when(a) ? r : a), null);
            const [, m, d] = latest ? latest.date.split("-").map(Number) : [];
            return [
              lookup.unitNameByLogin.get(login)!,
              {
                registrations: list.length,
                contacts: sumQ(list),
                days: new Set(list.map((r) => r.date)).size,
                latest: latest ? `${d}. ${MONTHS[m - 1]} kl. ${String(latest.hour).padStart(2, "0")}` : "Ingen",
              },
            ];
          }),
      ),
      key: ["label"],
    },
  };
}

/** The benchmark's key figures over rows: numerator ÷ the contacts where the question was asked and answered. */
export function keyFigures(rows: FileRow[]) {
  const inbound = rows.filter((r) => r.inbound);
  const typed = rows.filter((r) => r.rType !== null);
  const s = selfService(rows);
  const closure = yesNo(rows, closureAnswer);
  const form = yesNo(rows, formAnswer);
  return {
    Selvbetjeningsgrad: [s.rate, s.tx],
    "Andel straksafsluttet": [closure.share, closure.answered],
    "Andel med blanket": [form.share, form.answered],
    "Andel transaktioner": [share(sumQ(typed.filter((r) => r.rType === "OPRET" || r.rType === "STATUS")), sumQ(typed)), sumQ(typed)],
    "Andel telefon af indgående": [share(sumQ(inbound.filter((r) => r.channel === "TLFIND")), sumQ(inbound)), sumQ(inbound)],
    "Andel personligt fremmøde af indgående": [share(sumQ(inbound.filter((r) => r.channel === "PRSNLG")), sumQ(inbound)), sumQ(inbound)],
  } as Record<string, [number | null, number]>;
}

/**
 * The expected tables of a report under the filters, from the file's rows. `national`: read as KL's
 * staff (the benchmark then shows the national figure, here the same municipality's alone).
 */
export function expectedReport(
  slug: string,
  all: readonly FileRow[],
  questions: string[],
  p: Params,
  lookup: Lookup,
  national = false,
): Expected {
  const rows = scope(all, p);
  const dim = (allowed: string[]) => (p.efter && allowed.includes(p.efter) ? p.efter : allowed[0]);
  switch (slug) {
    case "kanaler": {
      const d = dim(["kanal", "opgave", "enhed", "uge", "kommune"]);
      return { "i-alt": channelMix(rows, null), ...(d === "kanal" ? {} : { [`pr-${d}`]: channelMix(rows, dimensionKey(d, p, lookup)) }) };
    }
    case "opgaver-kanaler": {
      const channels = [...new Set(rows.map((r) => r.channel))];
      const cells = (list: FileRow[]): Fields => ({
        ...Object.fromEntries(channels.map((c) => [`ch_${c}`, sumQ(list.filter((r) => r.channel === c))])),
        total: sumQ(list),
      });
      const out = new Map<string, Fields>();
      for (const [task, list] of groupBy(rows, taskKey(p))) out.set(task, cells(list));
      return { matrix: { rows: out, key: ["code"], total: cells(rows) } };
    }
    case "selvbetjening":
      return selfServiceTables(all, p, lookup);
    case "typer":
      return contactTypes(rows);
    case "afslutning": {
      const d = dim(["kanal", "opgave", "enhed"]);
      return { [`pr-${d}`]: yesNoTable(rows, dimensionKey(d, p, lookup), closureAnswer) };
    }
    case "blanketter": {
      const d = dim(["kanal", "opgave"]);
      return { [`pr-${d}`]: yesNoTable(rows, dimensionKey(d, p, lookup), formAnswer) };
    }
    case "omkostninger":
      return cost(rows);
    case "tidspunkt":
      return whenTable(rows);
    case "tidsforbrug":
      return handlingTime(rows, p);
    case "svar":
      return answers(rows, questions, all);
    case "enheder":
      return unitParticipation(rows, p, lookup);
    case "benchmark": {
      const figures = keyFigures(rows);
      const few = "for få kommuner";
      return {
        noegletal: {
          rows: new Map(
            Object.entries(figures).map(([label, [value, n]]) => [
              label,
              national
                ? { own: value, ownN: n, national: value, nationalN: n, change: value === null ? null : 0 }
                : { own: value, ownN: n, national: few, nationalN: few, change: few },
            ]),
          ),
          key: ["label"],
        },
      };
    }
    case "ranglister": {
      const f = keyFigures(rows);
      const [s, sn] = f.Selvbetjeningsgrad;
      return {
        rangliste: {
          rows: new Map([
            [
              "259",
              {
                rank: s === null ? null : 1,
                contacts: sumQ(rows),
                selfService: s,
                selfServiceN: sn,
                closure: f["Andel straksafsluttet"][0],
                closureN: f["Andel straksafsluttet"][1],
                form: f["Andel med blanket"][0],
                formN: f["Andel med blanket"][1],
              },
            ],
          ]),
          key: ["code"],
        },
      };
    }
    case "deltagelse": {
      const counted = joinedWeeks(new Set(all.map((r) => r.weekKey)));
      const weeks = p.runde ? ROUNDS[p.runde].filter((w) => counted.has(w)) : [];
      return {
        kommuner: {
          rows: new Map([
            [
              "259",
              {
                weeks: weeks.map((w) => `uge ${w % 100}`).join(", "),
                registrations: rows.length,
                contacts: sumQ(rows),
                activeUnits: new Set(rows.map((r) => r.unit)).size,
                units: lookup.logins.length,
              },
            ],
          ]),
          key: ["code"],
        },
      };
    }
  }
  throw new Error(`no expectation for ${slug}`);
}
