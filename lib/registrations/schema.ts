import { z } from "zod";
import { idSchema } from "@/lib/ids";
import { MAX_TASKS_PER_CONTACT } from "./limits";

const instant = z.string().datetime({ offset: true, message: "Tidspunktet er ikke gyldigt." });

/** One registration as the registration screen (or its offline outbox) sends it. */
export const registrationInputSchema = z.object({
  id: idSchema("Registreringen mangler et gyldigt id."),
  unitId: idSchema("Vælg en enhed."),
  channelCode: z.string({ error: "Vælg kanal." }).min(1, "Vælg kanal.").max(20),
  taskId: idSchema("Vælg en opgave."),
  contactTypeCode: z.string({ error: "Vælg type." }).min(1, "Vælg type.").max(20),
  closureCode: z.string({ error: "Vælg afslutning." }).min(1, "Vælg afslutning.").max(20),
  form: z.boolean().nullable().default(null),
  occurredAt: instant,
  startedAt: instant.nullish(),
  endedAt: instant.nullish(),
  isTest: z.boolean().default(false),
  answers: z
    .array(z.object({ questionId: idSchema("Ugyldigt spørgsmål."), optionId: idSchema("Ugyldigt svar.") }))
    .max(20)
    .default([]),
});
export type RegistrationInput = z.infer<typeof registrationInputSchema>;

/**
 * One contact about several tasks: one registration per task (docs/method.md), sent and stored as
 * one unit. The registrations share the unit, channel, time, test flag and answers; each has its
 * own id (the outbox's idempotency keys), task, type and closure.
 */
export const contactInputSchema = z
  .object({
    registrations: z
      .array(registrationInputSchema)
      .min(2, "En henvendelse om flere opgaver har mindst to opgaver.")
      .max(MAX_TASKS_PER_CONTACT, `En henvendelse kan højst gælde ${MAX_TASKS_PER_CONTACT} opgaver.`),
  })
  .superRefine(({ registrations: [first, ...rest] }, ctx) => {
    const shared = ["unitId", "channelCode", "occurredAt", "isTest", "form"] as const;
    if (rest.some((r) => shared.some((k) => r[k] !== first[k]))) {
      ctx.addIssue({ code: "custom", message: "Opgaverne i én henvendelse skal have samme enhed, kanal, tidspunkt og blanket." });
    }
    const all = [first, ...rest];
    if (new Set(all.map((r) => r.taskId)).size !== all.length) {
      ctx.addIssue({ code: "custom", message: "En opgave er med to gange i henvendelsen: registrér hver opgave én gang." });
    }
    if (new Set(all.map((r) => r.id)).size !== all.length) {
      ctx.addIssue({ code: "custom", message: "To registreringer i henvendelsen har samme id." });
    }
  });
export type ContactInput = z.infer<typeof contactInputSchema>;

/** A correction: the fields a registrant may change on their own registration the same day. */
export const registrationCorrectionSchema = registrationInputSchema
  .pick({ channelCode: true, taskId: true, contactTypeCode: true, closureCode: true, form: true, answers: true })
  .partial();
export type RegistrationCorrection = z.infer<typeof registrationCorrectionSchema>;

export const favouriteInputSchema = z.object({
  unitId: idSchema("Vælg en enhed."),
  name: z.string().trim().min(1, "Giv favoritten et navn.").max(60, "Navnet må højst være 60 tegn."),
  channelCode: z.string().min(1, "Vælg kanal."),
  taskId: idSchema("Vælg en opgave."),
  contactTypeCode: z.string().min(1, "Vælg type."),
  closureCode: z.string().min(1, "Vælg afslutning."),
  form: z.boolean().nullable().default(null),
});
export type FavouriteInput = z.infer<typeof favouriteInputSchema>;

export const settingsInputSchema = z.object(
  { shortcutsEnabled: z.boolean({ error: "Ugyldig indstilling." }) },
  { error: "Ugyldig indstilling." },
);
export type SettingsInput = z.infer<typeof settingsInputSchema>;
