import { z } from "zod";
import { idSchema } from "@/lib/ids";
import type { UploadField, UploadFields } from "@/lib/exchange/upload-rows";

// The JSON shape of POST /api/v1/registrations. Field names follow the registration screen's API
// (channelCode, contactTypeCode, …); each maps to a column of Spor's CSV template, and the values
// are checked by the same rules as an upload (lib/exchange/upload-rows.ts).

export const MAX_API_REGISTRATIONS = 1000;
/** 1,000 registrations take about 300 kB; the limit leaves room for long unit names. */
export const MAX_API_BODY_BYTES = 1_000_000;

const code = (field: string, example: string) =>
  z
    .string({ error: `${field} skal være en kode som tekst, fx "${example}", eller null.` })
    .max(40, `${field} er for lang.`)
    .nullable()
    .optional();

export const apiRegistrationSchema = z.strictObject(
  {
    id: idSchema("id skal være et UUID, fx 5b0c0f7e-3f3e-4a53-9a1e-3c1b2f6f7a10."),
    unit: z.string({ error: "unit skal være enhedens navn, gamle TraceTool-login eller id som tekst." }).max(200, "unit er for lang."),
    task: z.string({ error: 'task skal være et KLE-nummer som tekst, fx "23.05.10".' }).max(20, "task er for lang."),
    channelCode: z.string({ error: 'channelCode skal være en kanalkode som tekst, fx "TLFIND".' }).max(40, "channelCode er for lang."),
    contactTypeCode: code("contactTypeCode", "INFO"),
    closureCode: code("closureCode", "STRAKS"),
    form: z.boolean({ error: "form skal være true, false eller null." }).nullable().optional(),
    occurredAt: z
      .string({ error: 'occurredAt skal være et tidspunkt som tekst, fx "2026-11-23T09:14:00+01:00".' })
      .max(40, "occurredAt er for lang."),
    quantity: z.number({ error: "quantity skal være et helt tal." }).optional(),
  },
  { error: (issue) => (issue.code === "unrecognized_keys" ? `Ukendt felt: ${issue.keys.join(", ")}.` : undefined) },
);
export type ApiRegistration = z.infer<typeof apiRegistrationSchema>;

/** The envelope is checked first; each item is checked on its own so every item's errors are named. */
export const apiRequestSchema = z.object(
  {
    registrations: z
      .array(z.unknown(), { error: 'Forespørgslen skal have feltet "registrations" med en liste af registreringer.' })
      .min(1, "Listen af registreringer er tom.")
      .max(MAX_API_REGISTRATIONS, `Højst ${MAX_API_REGISTRATIONS.toLocaleString("da-DK")} registreringer pr. forespørgsel.`),
  },
  { error: 'Forespørgslen skal være et JSON-objekt med feltet "registrations".' },
);

/** The JSON field an upload rule's problem belongs to. */
export const API_FIELD: Record<UploadField, keyof ApiRegistration> = {
  unit: "unit",
  task: "task",
  channel: "channelCode",
  quantity: "quantity",
  type: "contactTypeCode",
  closure: "closureCode",
  form: "form",
  date: "occurredAt",
};

/** An API registration as the upload template's text fields, so the upload's rules apply unchanged. */
export function toUploadFields(item: ApiRegistration): UploadFields {
  return {
    unit: item.unit,
    task: item.task,
    channel: item.channelCode,
    quantity: String(item.quantity ?? 1),
    type: item.contactTypeCode ?? "",
    closure: item.closureCode ?? "",
    form: item.form === true ? "JA" : item.form === false ? "NEJ" : "",
    date: item.occurredAt,
  };
}
