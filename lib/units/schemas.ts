import "server-only";
import { z } from "zod";
import type { UnitKind } from "@/lib/generated/prisma/enums";
import { UNIT_KINDS } from "@/lib/units/default-channels";
import { idSchema } from "@/lib/ids";

// The zod schemas of the administration forms. The server actions parse FormData into these;
// the domain functions take the parsed values.

const optionalUuid = (message: string) =>
  z
    .string()
    .transform((v) => (v === "" ? null : v))
    .pipe(idSchema(message).nullable());

export const unitName = z
  .string()
  .transform((v) => v.trim().replace(/\s+/g, " "))
  .pipe(
    z
      .string()
      .min(1, "Skriv enhedens navn.")
      .max(100, "Enhedens navn må højst være 100 tegn.")
      .refine((v) => !/[\u0000-\u001f]/.test(v), "Navnet indeholder ugyldige tegn."),
  );

export const unitKind = z.enum(UNIT_KINDS as [UnitKind, ...UnitKind[]], { error: "Vælg en enhedstype." });

export const municipalityRef = z.object({ municipalityId: idSchema("Ukendt kommune.") });
export const unitRef = municipalityRef.extend({ unitId: idSchema("Ukendt enhed.") });

export const createUnitSchema = municipalityRef.extend({
  name: unitName,
  parentId: optionalUuid("Vælg en gyldig overordnet enhed."),
  kind: unitKind,
});
export type CreateUnitInput = z.infer<typeof createUnitSchema>;

export const updateUnitSchema = unitRef.extend({ name: unitName, kind: unitKind });
export type UpdateUnitInput = z.infer<typeof updateUnitSchema>;

export const moveUnitSchema = unitRef.extend({ parentId: optionalUuid("Vælg en gyldig overordnet enhed.") });
export type MoveUnitInput = z.infer<typeof moveUnitSchema>;

export const channelsSchema = unitRef.extend({
  channelCodes: z.array(z.string().regex(/^[A-Z]{2,12}$/, "Ukendt kanal.")).max(50),
});
export type ChannelsInput = z.infer<typeof channelsSchema>;

export const taskIdsSchema = unitRef.extend({
  taskIds: z.array(idSchema("Ukendt opgave.")).min(1, "Vælg mindst én opgave.").max(2000),
});
export type TaskIdsInput = z.infer<typeof taskIdsSchema>;

export const packageTasksSchema = unitRef.extend({ packageId: idSchema("Vælg en opgavepakke.") });
export type PackageTasksInput = z.infer<typeof packageTasksSchema>;

export const copyFromUnitSchema = unitRef
  .extend({
    sourceUnitId: idSchema("Vælg den enhed, der skal kopieres fra."),
    channels: z.boolean(),
    tasks: z.boolean(),
    mode: z.enum(["replace", "add"]),
  })
  .refine((v) => v.channels || v.tasks, { message: "Vælg kanaler, opgaver eller begge." })
  .refine((v) => v.sourceUnitId !== v.unitId, { message: "Vælg en anden enhed end den, du står i." });
export type CopyFromUnitInput = z.infer<typeof copyFromUnitSchema>;

const direction = z.enum(["up", "down"], { error: "Vælg op eller ned." });
export const moveTaskSchema = unitRef.extend({ taskId: idSchema("Ukendt opgave."), direction });
export type MoveTaskInput = z.infer<typeof moveTaskSchema>;
export const moveChannelSchema = unitRef.extend({ channelCode: z.string().regex(/^[A-Z]{2,12}$/, "Ukendt kanal."), direction });
export type MoveChannelInput = z.infer<typeof moveChannelSchema>;
export const sortByLastRoundSchema = unitRef.extend({ what: z.enum(["tasks", "channels"], { error: "Vælg opgaver eller kanaler." }) });
export type SortByLastRoundInput = z.infer<typeof sortByLastRoundSchema>;

export const unitOptionsSchema = unitRef.extend({ timeMeasurement: z.boolean(), testMode: z.boolean() });
export type UnitOptionsInput = z.infer<typeof unitOptionsSchema>;

export const unitLoginSchema = unitRef.extend({
  login: z
    .string()
    .trim()
    .toLowerCase()
    .pipe(z.string().email("Login-navnet skal have form som en e-mailadresse, fx skranke@koege.dk.").max(200)),
});
export type UnitLoginInput = z.infer<typeof unitLoginSchema>;
