"use server";

import { cookies } from "next/headers";
import { action } from "@/lib/actions/action";
import { canRegisterInUnit, registrationUnitIds } from "@/lib/auth/access";
import { AccessDeniedError } from "@/lib/errors";
import type { FormState } from "@/lib/actions/form-state";
import { UNIT_CHOICE_COOKIE, unitChoiceSchema } from "./unit-choice";

/** The unit cookie travels only over HTTPS when Spor is served over HTTPS (as Better Auth's cookies). */
function secureCookies(): boolean {
  return (process.env.SPOR_BASE_URL ?? "").startsWith("https://");
}

/** Remembers the unit a registrant works in. Refuses any unit the user is not a member of. */
export const chooseUnitAction = action({
  name: "registration.chooseUnit",
  allow: (access) => registrationUnitIds(access).length > 0,
  input: (_prev: FormState, formData: FormData) => ({ unitId: formData.get("unitId") }),
  schema: unitChoiceSchema,
  revalidate: ["/registrering"],
  fail: (error): FormState => ({ error: error.message }),
  run: async (ctx, input): Promise<FormState> => {
    const unit = await ctx.prisma.unit.findFirst({
      where: { id: input.unitId, archivedAt: null, memberships: { some: { userId: ctx.actorId } } },
      select: { id: true, municipalityId: true },
    });
    if (!unit || !canRegisterInUnit(ctx.access, unit)) throw new AccessDeniedError("Du kan ikke registrere i den enhed.");
    (await cookies()).set(UNIT_CHOICE_COOKIE, unit.id, {
      httpOnly: true,
      secure: secureCookies(),
      sameSite: "lax",
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    return { id: unit.id };
  },
});
