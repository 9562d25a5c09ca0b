"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { adminContext, coordinators, nationalStaff, okState } from "@/lib/actions/support";
import { formatNumber } from "@/lib/format";
import { idSchema } from "@/lib/ids";
import { GRID_SOURCES, saveSelfServiceGrid, setSelfServiceChoice } from "./grid";
import { undoVendorUpload } from "./vendor-import";

// The self-service counts' actions (docs/coordinators.md, "Selvbetjening fra fagsystemerne"). KL's
// vendor file is a streamed route handler (app/api/self-service/vendor-file).

const gridSchema = z.object({
  municipalityId: idSchema("Kommunen findes ikke."),
  roundId: idSchema("Runden findes ikke."),
  source: z.enum(
    Object.keys(GRID_SOURCES) as [keyof typeof GRID_SOURCES],
    "Vælg, hvor tallene kommer fra: statistikmodul eller tællerscript.",
  ),
  solution: z
    .string()
    .trim()
    .max(100, "Løsningens navn må højst være 100 tegn.")
    .transform((v) => v || null),
  cells: z.record(z.string(), z.string()),
});

/** A coordinator saves the task × week grid: one batch, replacing the round's earlier grid. */
export const saveSelfServiceGridAction = action({
  name: "selfService.saveGrid",
  allow: coordinators,
  input: (_prev: FormState, formData: FormData) => ({
    municipalityId: formData.get("municipalityId"),
    roundId: formData.get("roundId"),
    source: formData.get("source"),
    solution: formData.get("solution") ?? "",
    cells: Object.fromEntries([...formData.entries()].filter(([k, v]) => k.startsWith("c_") && typeof v === "string")),
  }),
  schema: gridSchema,
  revalidate: ["/data", "/data/selvbetjening", "/rapporter"],
  run: async (ctx, input): Promise<FormState> => {
    const saved = await saveSelfServiceGrid(adminContext(ctx), input);
    return okState(
      `${formatNumber(saved.rows)} tal (i alt ${formatNumber(saved.total)} ansøgninger) er gemt for «${saved.roundName}»${saved.replaced ? " og erstatter de tidligere" : ""}.`,
    );
  },
});

/** A coordinator chooses, per task, whether the own figure or KL's vendor figure counts where both exist. */
export const setSelfServiceChoiceAction = action({
  name: "selfService.choose",
  allow: coordinators,
  input: (_prev: FormState, formData: FormData) => ({
    municipalityId: formData.get("municipalityId"),
    taskId: formData.get("taskId"),
    choice: formData.get("choice"),
  }),
  schema: z.object({
    municipalityId: idSchema("Kommunen findes ikke."),
    taskId: idSchema("Opgaven findes ikke."),
    choice: z.enum(["OWN", "VENDOR"], "Vælg egne tal eller leverandørdata."),
  }),
  revalidate: ["/data/selvbetjening", "/rapporter"],
  run: async (ctx, input): Promise<FormState> => {
    const { taskNumber } = await setSelfServiceChoice(adminContext(ctx), input);
    return okState(`For ${taskNumber} tæller nu ${input.choice === "OWN" ? "kommunens egne tal" : "leverandørdata"}, hvor der er begge.`);
  },
});

/** KL undoes a whole vendor upload: every municipality's part of it. */
export const undoVendorUploadAction = action({
  name: "selfService.undoVendorUpload",
  allow: nationalStaff,
  input: (_prev: FormState, formData: FormData) => ({ uploadId: formData.get("uploadId") }),
  schema: z.object({ uploadId: idSchema("Indlæsningen findes ikke.") }),
  revalidate: ["/national/selvbetjening", "/data", "/data/selvbetjening"],
  run: async (ctx, input): Promise<FormState> => {
    const undone = await undoVendorUpload(ctx.prisma, ctx.user, input.uploadId, ctx.ip);
    return okState(
      `Leverandørdata er fortrudt for ${formatNumber(undone.municipalities)} kommuner (${formatNumber(undone.counts)} tal slettet).`,
    );
  },
});
