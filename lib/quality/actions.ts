"use server";

import { z } from "zod";
import { action } from "@/lib/actions/action";
import type { FormState } from "@/lib/actions/form-state";
import { adminContext, coordinators, okState } from "@/lib/actions/support";
import { idSchema } from "@/lib/ids";
import { QUALITY_THRESHOLDS, SETTABLE_SHARES, type SettableShare } from "./rules";
import { SETTABLE_SHARE_TEXTS } from "./describe";
import { setQualityThresholds } from "./thresholds";

/** One share: a whole percent from 1 to 100, or empty for the method's default. */
const share = (key: SettableShare) => {
  const message = `Grænsen for «${SETTABLE_SHARE_TEXTS[key].label}» skal være et helt tal fra 1 til 100, eller tom for standarden (${Math.round(QUALITY_THRESHOLDS[key] * 100)} %).`;
  return z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : typeof v === "string" ? v.trim() : v),
    z.coerce.number(message).int(message).min(1, message).max(100, message).nullable(),
  );
};

/** A coordinator sets the municipality's thresholds for Datakvalitet (empty: the default). */
export const setQualityThresholdsAction = action({
  name: "quality.setThresholds",
  allow: coordinators,
  input: (_prev: FormState, formData: FormData) => ({
    municipalityId: formData.get("municipalityId"),
    ...Object.fromEntries(SETTABLE_SHARES.map((k) => [k, formData.get(k) ?? ""])),
  }),
  schema: z.object({
    municipalityId: idSchema("Kommunen findes ikke."),
    fejlShare: share("fejlShare"),
    straksShare: share("straksShare"),
    oneTaskShare: share("oneTaskShare"),
    rareFormShare: share("rareFormShare"),
  }),
  revalidate: ["/daekning/datakvalitet"],
  fail: (error): FormState => ({ error: error.message }),
  run: async (ctx, input): Promise<FormState> => {
    await setQualityThresholds(adminContext(ctx), input);
    return okState("Grænserne for Datakvalitet er gemt. Fundene er regnet med de nye grænser.");
  },
});
