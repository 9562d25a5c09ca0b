"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { canRegisterInUnit } from "@/lib/auth/access";
import { authorize } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { UNIT_CHOICE_COOKIE, type UnitChoiceState, unitChoiceSchema } from "./unit-choice";

/** Remembers the unit a registrant works in. Refuses any unit the user is not a member of. */
export async function chooseUnitAction(_prev: UnitChoiceState, formData: FormData): Promise<UnitChoiceState> {
  try {
    const user = await authorize();
    const parsed = unitChoiceSchema.safeParse({ unitId: formData.get("unitId") });
    if (!parsed.success) return { error: parsed.error.issues[0].message };
    const unit = await db().unit.findFirst({
      where: { id: parsed.data.unitId, archivedAt: null, memberships: { some: { userId: user.id } } },
      select: { id: true, municipalityId: true },
    });
    if (!unit || !canRegisterInUnit(user.access, unit)) {
      return { error: "Du kan ikke registrere i den enhed." };
    }
    (await cookies()).set(UNIT_CHOICE_COOKIE, unit.id, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    revalidatePath("/registrering");
    return { chosenUnitId: unit.id };
  } catch (error) {
    if (error instanceof UserFacingError) return { error: error.message };
    throw error;
  }
}
