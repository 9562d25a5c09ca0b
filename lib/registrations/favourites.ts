import "server-only";
import { UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/access";
import type { FavouriteInput } from "./schema";
import { loadRegistrationUnit } from "./unit-context";
import { validateChoice } from "./validate";

const MAX_FAVOURITES_PER_UNIT = 9; // one per number key

/** Saves a named combination for the user in the unit, after the same checks as a registration. */
export async function createFavourite(prisma: PrismaClient, actor: Pick<Actor, "id">, input: FavouriteInput) {
  const unit = await loadRegistrationUnit(prisma, actor.id, input.unitId);
  if (!unit) throw new UserFacingError("Du kan ikke registrere i den enhed.", 403);
  await validateChoice(prisma, unit, { ...input, answers: [] }, new Date(), { checkAnswers: false });
  const count = await prisma.favourite.count({ where: { userId: actor.id, unitId: unit.id } });
  if (count >= MAX_FAVOURITES_PER_UNIT) throw new UserFacingError(`Du kan højst have ${MAX_FAVOURITES_PER_UNIT} favoritter i en enhed.`);
  const duplicate = await prisma.favourite.findFirst({
    where: { userId: actor.id, unitId: unit.id, name: input.name },
    select: { id: true },
  });
  if (duplicate) throw new UserFacingError("Du har allerede en favorit med det navn.");
  // The same choices under a second name would only take a key from another favourite.
  const same = await prisma.favourite.findFirst({
    where: {
      userId: actor.id,
      unitId: unit.id,
      channelCode: input.channelCode,
      taskId: input.taskId,
      contactTypeCode: input.contactTypeCode,
      closureCode: input.closureCode,
      form: input.form,
    },
    select: { name: true },
  });
  if (same) throw new UserFacingError(`Du har allerede favoritten "${same.name}" med de samme valg.`);
  return prisma.favourite.create({
    data: {
      userId: actor.id,
      unitId: unit.id,
      name: input.name,
      channelCode: input.channelCode,
      taskId: input.taskId,
      contactTypeCode: input.contactTypeCode,
      closureCode: input.closureCode,
      form: input.form,
      sortOrder: count,
    },
    select: { id: true, name: true, channelCode: true, taskId: true, contactTypeCode: true, closureCode: true, form: true },
  });
}

/** Deletes one of the user's own favourites; anyone else's id finds nothing. */
export async function deleteFavourite(prisma: PrismaClient, actor: Pick<Actor, "id">, id: string) {
  const { count } = await prisma.favourite.deleteMany({ where: { id, userId: actor.id } });
  if (count === 0) throw new UserFacingError("Favoritten findes ikke.", 404);
}
