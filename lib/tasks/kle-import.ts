import "server-only";
// Importer for KL's "KLE-Emneplan" XML, format version 2.0 (Hovedgruppe > Gruppe > Emne, each with
// <…Nr>, <…Titel> and <…AdministrativInfo> holding OprettetDato and, for entries no longer in force,
// Historisk/UdgaaetDato or Historisk/Flyttet/FlyttetDato). KLE requires KL's consent, so Spor never
// ships the plan: a municipality or KL supplies the file and this module loads it.

import { XMLParser } from "fast-xml-parser";
import crypto from "node:crypto";
import { localDateOnly } from "@/lib/counting/iso-week";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

export type KleLevel = "HOVEDGRUPPE" | "GRUPPE" | "EMNE";

export interface KleEntry {
  number: string;
  title: string;
  level: KleLevel;
  validFrom: Date | null;
  /** Set for discontinued (udgået) and moved (flyttet) entries; they are kept, not dropped. */
  validTo: Date | null;
}

export interface KleEmneplan {
  publishedOn: string;
  entries: KleEntry[];
}

export interface KleImportResult {
  publishedOn: string;
  created: number;
  updated: number;
  unchanged: number;
  byLevel: Record<KleLevel, number>;
  /** Tasks whose new KLE title waits until the round that uses it has ended (see heldTitles). */
  titlesHeld: number;
}

/** The file is not a KLE-Emneplan 2.0 document; the message is for the user. */
export class KleFormatError extends Error {
  override name = "KleFormatError";
}

// Element prefixes per level, and the number format each level must have.
const LEVELS = [
  { level: "HOVEDGRUPPE", tag: "Hovedgruppe", pattern: /^\d{2}$/ },
  { level: "GRUPPE", tag: "Gruppe", pattern: /^\d{2}\.\d{2}$/ },
  { level: "EMNE", tag: "Emne", pattern: /^\d{2}\.\d{2}\.\d{2}$/ },
] as const;

const LIST_TAGS = new Set<string>(LEVELS.map((l) => l.tag));

const parser = new XMLParser({
  ignoreAttributes: true,
  // Numbers such as "00" and dates must stay strings.
  parseTagValue: false,
  trimValues: true,
  isArray: (tagName) => LIST_TAGS.has(tagName),
  // Guidance texts, filters and legal references are most of the file and are not needed.
  stopNodes: [
    "..HovedgruppeVejledning",
    "..GruppeVejledning",
    "..EmneVejledning",
    "..HovedgruppeFilter",
    "..GruppeFilter",
    "..EmneFilter",
    "..GruppeRetskildeReference",
    "..EmneRetskildeReference",
  ],
});

type XmlNode = Record<string, unknown>;

/** Parses a KLE-Emneplan 2.0 document into flat entries in document (hierarchy) order. Pure. */
export function parseKleEmneplan(xml: string): KleEmneplan {
  let document: XmlNode;
  try {
    document = parser.parse(xml) as XmlNode;
  } catch (error) {
    throw new KleFormatError(`Filen er ikke gyldig XML: ${(error as Error).message}`);
  }
  const root = document["KLE-Emneplan"] as XmlNode | undefined;
  if (!root || typeof root !== "object") {
    throw new KleFormatError("Filen er ikke en KLE-Emneplan (rodelementet <KLE-Emneplan> mangler).");
  }
  const publishedOn = text(root.UdgivelsesDato);
  if (!/^\d{4}-\d{2}-\d{2}/.test(publishedOn)) {
    throw new KleFormatError("KLE-Emneplanen mangler en gyldig <UdgivelsesDato>.");
  }

  const entries: KleEntry[] = [];
  const seen = new Set<string>();
  const walk = (nodes: unknown, depth: number) => {
    const { level, tag, pattern } = LEVELS[depth];
    for (const node of (nodes as XmlNode[] | undefined) ?? []) {
      const number = text(node[`${tag}Nr`]);
      if (!pattern.test(number)) {
        throw new KleFormatError(`Ugyldigt nummer "${number}" i <${tag}Nr>.`);
      }
      if (seen.has(number)) throw new KleFormatError(`Nummeret ${number} findes flere gange.`);
      seen.add(number);
      const info = (node[`${tag}AdministrativInfo`] ?? {}) as XmlNode;
      const history = (info.Historisk ?? {}) as XmlNode;
      const moved = (history.Flyttet ?? {}) as XmlNode;
      entries.push({
        number,
        title: text(node[`${tag}Titel`]).replace(/\s+/g, " ").trim(),
        level,
        validFrom: date(info.OprettetDato),
        validTo: date(history.UdgaaetDato) ?? date(moved.FlyttetDato),
      });
      if (depth + 1 < LEVELS.length) walk(node[LEVELS[depth + 1].tag], depth + 1);
    }
  };
  walk(root.Hovedgruppe, 0);
  if (entries.length === 0) throw new KleFormatError("KLE-Emneplanen indeholder ingen hovedgrupper.");
  return { publishedOn: publishedOn.slice(0, 10), entries };
}

function text(value: unknown): string {
  if (value == null) return "";
  if (typeof value === "object") return "";
  return String(value).trim();
}

function date(value: unknown): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text(value));
  return match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

const CHUNK = 1000;

/**
 * Loads a KLE-Emneplan into the task table, matched by number. KLE titles, levels and dates win over
 * whatever is there (a task created from a task package becomes a KLE task; its id stays, so package
 * items and registrations keep pointing at it). Tasks not in the file are left alone.
 * One read, then all writes in one transaction, in chunks rather than one statement per task.
 */
export async function importKle(prisma: PrismaClient, xml: string, now: Date = new Date()): Promise<KleImportResult> {
  const plan = parseKleEmneplan(xml);
  const [existing, held] = await Promise.all([
    prisma.task.findMany({
      where: { number: { in: plan.entries.map((e) => e.number) } },
      select: { number: true, title: true, level: true, source: true, validFrom: true, validTo: true },
    }),
    heldTitles(prisma, now),
  ]);
  const byNumber = new Map(existing.map((t) => [t.number, t]));
  let titlesHeld = 0;

  const toCreate: Prisma.TaskCreateManyInput[] = [];
  const toUpdate: KleEntry[] = [];
  const byLevel: Record<KleLevel, number> = { HOVEDGRUPPE: 0, GRUPPE: 0, EMNE: 0 };
  for (const entry of plan.entries) {
    byLevel[entry.level]++;
    const row = byNumber.get(entry.number);
    if (row && held.has(entry.number) && row.title !== entry.title) {
      entry.title = row.title;
      titlesHeld++;
    }
    if (!row) {
      toCreate.push({ id: crypto.randomUUID(), ...entry, source: "KLE" });
    } else if (
      row.title !== entry.title ||
      row.level !== entry.level ||
      row.source !== "KLE" ||
      !sameDate(row.validFrom, entry.validFrom) ||
      !sameDate(row.validTo, entry.validTo)
    ) {
      toUpdate.push(entry);
    }
  }

  const writes: Prisma.PrismaPromise<unknown>[] = [];
  for (const chunk of chunks(toCreate, CHUNK)) writes.push(prisma.task.createMany({ data: chunk }));
  for (const chunk of chunks(toUpdate, CHUNK)) {
    const rows = chunk.map(
      (e) =>
        Prisma.sql`(${e.number}::text, ${e.title}::text, ${e.level}::text, ${isoDate(e.validFrom)}::date, ${isoDate(e.validTo)}::date)`,
    );
    writes.push(prisma.$executeRaw`
      UPDATE "task" AS t
      SET "title" = v.title, "level" = v.level::"TaskLevel", "source" = 'KLE',
          "valid_from" = v.valid_from, "valid_to" = v.valid_to, "updated_at" = CURRENT_TIMESTAMP
      FROM (VALUES ${Prisma.join(rows)}) AS v(number, title, level, valid_from, valid_to)
      WHERE t."number" = v.number`);
  }
  if (writes.length) await prisma.$transaction(writes, { timeout: 120_000 }); // thousands of KLE rows

  return {
    publishedOn: plan.publishedOn,
    created: toCreate.length,
    updated: toUpdate.length,
    unchanged: plan.entries.length - toCreate.length - toUpdate.length,
    byLevel,
    titlesHeld,
  };
}

/**
 * Tasks a registration screen shows with the task table's title while a round runs: counted by a
 * unit of a municipality that counts in a running round (begun, not ended), and not in that round's
 * package (those tiles show KL's package title, which KLE never changes). Their new KLE title waits
 * for an import after the round, so a KLE import never renames a tile mid-round.
 */
async function heldTitles(prisma: PrismaClient, now: Date): Promise<Set<string>> {
  const today = isoDate(localDateOnly(now));
  const rows = await prisma.$queryRaw<{ number: string }[]>`
    SELECT DISTINCT t."number"
    FROM "counting_round" r
    JOIN "municipality_counting_week" w ON w."round_id" = r."id"
    JOIN "unit" u ON u."municipality_id" = w."municipality_id" AND u."archived_at" IS NULL
    JOIN "unit_task" ut ON ut."unit_id" = u."id"
    JOIN "task" t ON t."id" = ut."task_id"
    WHERE r."starts_on" <= ${today}::date AND r."starts_on" + r."week_count" * 7 > ${today}::date
      AND NOT EXISTS (SELECT 1 FROM "task_package_item" i WHERE i."package_id" = r."package_id" AND i."task_id" = t."id")`;
  return new Set(rows.map((r) => r.number));
}

function sameDate(a: Date | null, b: Date | null): boolean {
  return (a?.getTime() ?? null) === (b?.getTime() ?? null);
}

function isoDate(value: Date | null): string | null {
  return value ? value.toISOString().slice(0, 10) : null;
}

function chunks<T>(items: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) result.push(items.slice(i, i + size));
  return result;
}
