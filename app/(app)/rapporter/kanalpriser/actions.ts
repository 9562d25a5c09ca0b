"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { coordinatorMunicipalityIds, isNational } from "@/lib/auth/access";
import { setChannelPrice } from "@/lib/reports/prices";

// Coordinators set their municipality's prices, national staff KL's defaults; setChannelPrice
// checks which (and parses the price). The answer is the page again, with the outcome in its address.

function municipalityOf(formData: FormData): string | undefined {
  const value = formData.get("municipalityNumber");
  return value ? String(value) : undefined;
}

function back(municipality: string | undefined, key: "fejl" | "gemt", value: string): never {
  const page = `/rapporter/kanalpriser${municipality ? `?kommune=${encodeURIComponent(municipality)}` : ""}`;
  redirect(`${page}${page.includes("?") ? "&" : "?"}${key}=${encodeURIComponent(value)}`);
}

export const savePriceAction = action({
  name: "prices.save",
  allow: (access) => isNational(access) || coordinatorMunicipalityIds(access).length > 0,
  input: (formData: FormData) => ({
    channelCode: String(formData.get("channelCode") ?? ""),
    municipalityNumber: municipalityOf(formData),
    price: String(formData.get("price") ?? ""),
  }),
  schema: z.object({
    channelCode: z.string().max(20),
    municipalityNumber: z.string().max(10).optional(),
    price: z.string().max(20),
  }),
  fail: (error, formData): void => back(municipalityOf(formData), "fejl", error.message),
  run: async (ctx, input): Promise<void> => {
    await setChannelPrice(ctx.prisma, ctx.access, input);
    back(input.municipalityNumber, "gemt", input.channelCode);
  },
});
