import "server-only";
// Mass registration ("Masse registrering"): a coordinator or unit lead enters a count from another
// system (40 letters, 1,800 self-service applications) as one registration with that quantity.
// The choices are checked by the same rules as the registration screen (validateChoice), and the row
// is written as a one-row batch by the same code as file imports (commitImport), so it is listed,
// undone and audit-logged like every other batch.

import { z } from "zod";
import { type Actor, massRegistrationUnitScope } from "@/lib/auth/access";
import { instantAt, localDateOnly, mondayOfIsoWeek, parseIsoDate, weeksInIsoYear } from "@/lib/counting/iso-week";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { channelByCode } from "@/lib/reference/codes";
import { validateChoice } from "@/lib/registrations/validate";
import { commitImport, type ImportPlan, undoBatch } from "./import-rows";
import { EARLIEST, MAX_QUANTITY } from "./upload-rows";
import { idSchema, isId } from "@/lib/ids";

/** A refusal tied to the form field it concerns (null: the form as a whole), so the page shows it there. */
export class MassRegistrationError extends UserFacingError {
  constructor(
    readonly field: MassField | null,
    message: string,
    status = 400,
  ) {
    super(message, status);
    this.name = "MassRegistrationError";
  }
}

/** A mass registration is dated at noon Copenhagen time: on the given day, or on the Monday of the given week. */
export const MASS_REGISTRATION_HOUR = 12;

export const QUANTITY_MESSAGE = `Antal skal være et helt tal fra 1 til ${MAX_QUANTITY.toLocaleString("da-DK")}.`;

const text = (message: string) => z.string({ error: message }).trim().min(1, message).max(40, message);

export const massRegistrationSchema = z.object({
  unitId: idSchema("Vælg en enhed."),
  direction: z.enum(["IN", "OUT"], { error: "Vælg retning (ind eller ud)." }),
  channelCode: text("Vælg kanal."),
  taskId: idSchema("Vælg en opgave."),
  contactTypeCode: text("Vælg type."),
  closureCode: text("Vælg afslutning."),
  form: z.enum(["", "ja", "nej"], { error: "Blanket skal være ja eller nej." }).default(""),
  when: z.enum(["date", "week"], { error: "Vælg, om du angiver en dato eller en uge." }),
  date: z.string().trim().default(""),
  isoYear: z.string().trim().default(""),
  isoWeek: z.string().trim().default(""),
  quantity: z
    .string({ error: QUANTITY_MESSAGE })
    .trim()
    .regex(/^\d{1,7}$/, QUANTITY_MESSAGE)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_QUANTITY, QUANTITY_MESSAGE),
});
export type MassRegistrationInput = z.infer<typeof massRegistrationSchema>;
/** A field of the form, named as in the schema. */
export type MassField = keyof typeof massRegistrationSchema.shape;

export function parseMassRegistration(raw: Record<string, unknown>): MassRegistrationInput {
  const parsed = massRegistrationSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new MassRegistrationError((issue.path[0] as MassField | undefined) ?? null, issue.message);
}

/**
 * When the counted contacts happened: noon (Copenhagen) on the given date, or on the Monday of the
 * given ISO week. Noon keeps the day the same in any time zone and the week the one the user chose.
 * Not before 2010 (as for uploads) and not a day or week that has not begun.
 */
export function massOccurredAt(input: Pick<MassRegistrationInput, "when" | "date" | "isoYear" | "isoWeek">, now = new Date()): Date {
  const today = localDateOnly(now);
  if (input.when === "date") {
    let day: Date;
    try {
      day = parseIsoDate(input.date);
    } catch {
      throw new MassRegistrationError("date", "Angiv en gyldig dato (åååå-mm-dd).");
    }
    if (day.getTime() < EARLIEST) throw new MassRegistrationError("date", "Datoen skal ligge i 2010 eller senere.");
    if (day.getTime() > today.getTime()) throw new MassRegistrationError("date", "Datoen ligger i fremtiden.");
    return instantAt(day, MASS_REGISTRATION_HOUR);
  }
  const year = Number(input.isoYear);
  if (!/^\d{4}$/.test(input.isoYear) || year < new Date(EARLIEST).getUTCFullYear()) {
    throw new MassRegistrationError("isoYear", "Angiv et år fra 2010 og frem.");
  }
  const week = Number(input.isoWeek);
  const lastWeek = weeksInIsoYear(year);
  if (!/^\d{1,2}$/.test(input.isoWeek) || week < 1 || week > lastWeek) {
    throw new MassRegistrationError("isoWeek", `Angiv en uge fra 1 til ${lastWeek} i ${year}.`);
  }
  const monday = mondayOfIsoWeek(year, week);
  if (monday.getTime() > today.getTime()) throw new MassRegistrationError("isoWeek", "Ugen er ikke begyndt endnu.");
  return instantAt(monday, MASS_REGISTRATION_HOUR);
}

// validateChoice's Danish messages, tied to the field each one is about.
const CHOICE_MESSAGE_FIELDS: [RegExp, MassField][] = [
  [/^Kanalen/, "channelCode"],
  [/^Opgaven|^Fejlhenvendelse/, "taskId"],
  [/henvendelsestype/, "contactTypeCode"],
  [/afslutning/, "closureCode"],
  [/[Bb]lanket/, "form"],
];

/**
 * Saves one mass registration as a batch of one row with the given quantity, or refuses with a
 * Danish message tied to a field and writes nothing. The unit must be active and in the actor's
 * scope (a coordinator's municipality, a lead's units); the test flag follows the unit's test mode.
 */
export async function createMassRegistration(
  prisma: PrismaClient,
  actor: Actor,
  raw: Record<string, unknown>,
  now = new Date(),
  ip: string | null = null,
) {
  const input = parseMassRegistration(raw);
  const channel = channelByCode(input.channelCode);
  if (!channel) throw new MassRegistrationError("channelCode", "Ukendt kanal.");
  if (channel.direction !== input.direction) {
    throw new MassRegistrationError("channelCode", `Kanalen passer ikke til retningen (${input.direction === "IN" ? "ind" : "ud"}).`);
  }
  const occurredAt = massOccurredAt(input, now);
  const unit = await prisma.unit.findFirst({
    where: { id: input.unitId, archivedAt: null, ...massRegistrationUnitScope(actor.access) },
    select: {
      id: true,
      municipalityId: true,
      name: true,
      testMode: true,
      timeMeasurement: true,
      municipality: { select: { number: true } },
    },
  });
  if (!unit) throw new MassRegistrationError("unitId", "Du kan ikke masseregistrere i den enhed.", 403);
  const form = input.form === "" ? null : input.form === "ja";
  const choice = { ...input, form, answers: [] };
  try {
    // Extra questions are not asked in a mass registration (as in uploads), so answers are not checked.
    await validateChoice(prisma, unit, choice, occurredAt, { checkAnswers: false });
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    const field = CHOICE_MESSAGE_FIELDS.find(([pattern]) => pattern.test(error.message))?.[1] ?? null;
    throw new MassRegistrationError(field, error.message);
  }
  const task = await prisma.task.findUniqueOrThrow({ where: { id: input.taskId }, select: { number: true } });
  const row = {
    line: 1,
    municipalityNumber: unit.municipality.number,
    unit: unit.name,
    unitId: unit.id,
    taskNumber: task.number,
    taskId: input.taskId,
    channelCode: input.channelCode,
    contactTypeCode: input.contactTypeCode,
    closureCode: input.closureCode,
    form,
    occurredAt,
    // Noon is a stand-in: the count has a real date (by day) or only a week; never a time of day.
    timePrecision: input.when === "week" ? ("WEEK" as const) : ("DATE" as const),
    quantity: input.quantity,
  };
  const plan: ImportPlan = { municipalityId: unit.municipalityId, rows: [row], newUnits: [], errors: [], newTaskNumbers: [] };
  return commitImport(prisma, plan, {
    actorUserId: actor.id,
    kind: "MASS",
    source: "MASS",
    fileName: null,
    isTest: unit.testMode,
    ip,
    auditUnitId: unit.id,
    auditDetails: {
      unit: unit.name,
      channelCode: row.channelCode,
      taskNumber: row.taskNumber,
      contactTypeCode: row.contactTypeCode,
      closureCode: row.closureCode,
      form,
      occurredAt: occurredAt.toISOString(),
      isTest: unit.testMode,
    },
  });
}

/**
 * Deletes a mass registration by undoing its batch (audit-logged as batch.undo). Only a batch whose
 * unit is in the actor's scope is found; another municipality's is "not found", never revealed.
 */
export async function deleteMassRegistration(prisma: PrismaClient, actor: Actor, batchId: string, ip: string | null = null) {
  const batch = isId(batchId)
    ? await prisma.importBatch.findFirst({
        where: {
          id: batchId,
          kind: "MASS",
          undoneAt: null,
          registrations: { some: { unit: massRegistrationUnitScope(actor.access) } },
        },
        select: { id: true, municipalityId: true },
      })
    : null;
  if (!batch) throw new MassRegistrationError(null, "Masseregistreringen findes ikke, eller den er allerede slettet.", 404);
  return undoBatch(prisma, actor.id, batch.municipalityId, batch.id, ip);
}
