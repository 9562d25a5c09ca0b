import { z } from "zod";
import { idSchema } from "@/lib/ids";

/** The cookie that remembers which unit a registrant in several units last picked. */
export const UNIT_CHOICE_COOKIE = "spor.unit";

export const unitChoiceSchema = z.object({
  unitId: idSchema("Vælg en enhed."),
});

/** The remembered unit if the user still registers there, else their first unit. */
export function pickUnit(unitIds: string[], remembered: string | undefined): string | null {
  if (remembered && unitIds.includes(remembered)) return remembered;
  return unitIds[0] ?? null;
}
