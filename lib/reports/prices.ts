import { z } from "zod";
import { type Access, canAdministerMunicipality, isNational } from "@/lib/auth/access";
import { recordAudit } from "@/lib/audit/audit";
import { AccessDeniedError, UserFacingError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";

// Channel prices: KL's national defaults (municipality_id NULL), edited by national staff, and a
// municipality's own prices, set by its coordinator. An empty local price removes the override.

export const priceInputSchema = z.object({
  channelCode: z.string().regex(/^[A-Z]{2,12}$/),
  municipalityNumber: z.coerce.number().int().positive().optional(),
  price: z
    .string()
    .trim()
    .regex(/^(\d{1,6}([.,]\d{1,2})?)?$/, "Skriv prisen i kroner, fx 45 eller 12,50.")
    .transform((s) => (s === "" ? null : Math.round(Number(s.replace(",", ".")) * 100))),
});

export type PriceInput = z.input<typeof priceInputSchema>;

export async function setChannelPrice(prisma: PrismaClient, access: Access, raw: PriceInput): Promise<void> {
  const parsed = priceInputSchema.safeParse(raw);
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Ugyldig pris.");
  const { channelCode, municipalityNumber, price } = parsed.data;
  const channel = await prisma.channel.findUnique({ where: { code: channelCode }, select: { code: true } });
  if (!channel) throw new UserFacingError("Ukendt kanal.");

  if (municipalityNumber === undefined) {
    if (!isNational(access)) throw new AccessDeniedError();
    if (price === null) throw new UserFacingError("Den landsdækkende pris skal have en værdi.");
    await prisma.$transaction(async (tx) => {
      const existing = await tx.channelPrice.findFirst({ where: { channelCode, municipalityId: null }, orderBy: { updatedAt: "desc" } });
      if (existing) await tx.channelPrice.update({ where: { id: existing.id }, data: { priceOre: price } });
      else await tx.channelPrice.create({ data: { channelCode, municipalityId: null, priceOre: price } });
      await recordAudit(tx, { actorUserId: access.userId, action: "channel_price.set_national", entityType: "channel_price", entityId: channelCode, before: { priceOre: existing?.priceOre ?? null }, after: { priceOre: price } });
    });
    return;
  }
  const municipality = await prisma.municipality.findUnique({ where: { number: municipalityNumber }, select: { id: true } });
  if (!municipality || !canAdministerMunicipality(access, municipality.id)) throw new AccessDeniedError();
  await prisma.$transaction(async (tx) => {
    const existing = await tx.channelPrice.findFirst({ where: { channelCode, municipalityId: municipality.id } });
    if (price === null) {
      if (existing) await tx.channelPrice.delete({ where: { id: existing.id } });
    } else if (existing) await tx.channelPrice.update({ where: { id: existing.id }, data: { priceOre: price } });
    else await tx.channelPrice.create({ data: { channelCode, municipalityId: municipality.id, priceOre: price } });
    await recordAudit(tx, { actorUserId: access.userId, municipalityId: municipality.id, action: "channel_price.set_local", entityType: "channel_price", entityId: channelCode, before: { priceOre: existing?.priceOre ?? null }, after: { priceOre: price } });
  });
}
