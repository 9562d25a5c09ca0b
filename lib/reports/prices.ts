import "server-only";
import { z } from "zod";
import { type Access, canAdministerMunicipality, isNational } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit/audit";
import { localDateOnly, toIsoDateString } from "@/lib/counting/iso-week";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { municipalityNumberSchema } from "@/lib/reference/municipalities";

// Channel prices: KL's national defaults (municipality_id NULL), edited by national staff, and a
// municipality's own prices, set by its coordinator. An empty local price removes the override.
// Prices are dated (valid_from), so a change today leaves the cost of earlier rounds as it was.

export const priceInputSchema = z.object({
  channelCode: z.string().regex(/^[A-Z]{2,12}$/),
  municipalityNumber: municipalityNumberSchema.optional(),
  price: z
    .string()
    .trim()
    .regex(/^(\d{1,6}([.,]\d{1,2})?)?$/, "Skriv prisen i kroner, fx 45 eller 12,50.")
    .transform((s) => (s === "" ? null : Math.round(Number(s.replace(",", ".")) * 100))),
});

export type PriceInput = z.input<typeof priceInputSchema>;

/** Where a channel's very first national price starts: before any registration. */
const FROM_THE_START = new Date(Date.UTC(2000, 0, 1));

/**
 * Sets a price from today on, keeping the earlier prices for the earlier weeks (the cost report
 * prices each week with the price in force on its Monday). A second change the same day replaces
 * the first. An empty local price ends the municipality's override from today.
 */
export async function setChannelPrice(prisma: PrismaClient, access: Access, raw: PriceInput, now: Date = new Date()): Promise<void> {
  const parsed = priceInputSchema.safeParse(raw);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Ugyldig pris.");
  const { channelCode, municipalityNumber, price } = parsed.data;
  const channel = await prisma.channel.findUnique({ where: { code: channelCode }, select: { code: true } });
  if (!channel) throw new UserFacingError("Ukendt kanal.");
  const today = localDateOnly(now);

  let municipalityId: string | null = null;
  if (municipalityNumber === undefined) {
    if (!isNational(access)) throw new AccessDeniedError();
    if (price === null) throw new UserFacingError("Den landsdækkende pris skal have en værdi.");
  } else {
    const municipality = await prisma.municipality.findUnique({ where: { number: municipalityNumber }, select: { id: true } });
    if (!municipality || !canAdministerMunicipality(access, municipality.id)) throw new AccessDeniedError();
    municipalityId = municipality.id;
  }
  await prisma.$transaction(async (tx) => {
    const current = await tx.channelPrice.findFirst({
      where: { channelCode, municipalityId, validFrom: { lte: today } },
      orderBy: { validFrom: "desc" },
    });
    const before = current?.priceOre ?? null;
    if (before === price) return; // nothing changes
    // A channel's first national price covers every week (there was no price before); everything
    // else, a municipality's first own price included, starts today and leaves earlier weeks alone.
    const validFrom = !current && municipalityId === null ? FROM_THE_START : today;
    if (current && current.validFrom.getTime() === today.getTime()) {
      await tx.channelPrice.update({ where: { id: current.id }, data: { priceOre: price } });
    } else {
      await tx.channelPrice.create({ data: { channelCode, municipalityId, priceOre: price, validFrom } });
    }
    await recordAudit(tx, {
      actorUserId: access.userId,
      municipalityId,
      action: municipalityId ? "channel_price.set_local" : "channel_price.set_national",
      entityType: "channel_price",
      entityId: channelCode,
      before: { priceOre: before },
      after: { priceOre: price, validFrom: toIsoDateString(validFrom) },
    });
  });
}
