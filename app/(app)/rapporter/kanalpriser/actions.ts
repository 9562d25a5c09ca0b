"use server";

import { redirect } from "next/navigation";
import { authorize } from "@/lib/auth/guards";
import { db } from "@/lib/db";
import { UserFacingError } from "@/lib/errors";
import { setChannelPrice } from "@/lib/reports/prices";

export async function savePriceAction(formData: FormData): Promise<void> {
  const user = await authorize();
  const municipality = formData.get("municipalityNumber");
  const back = `/rapporter/kanalpriser${municipality ? `?kommune=${encodeURIComponent(String(municipality))}` : ""}`;
  const sep = back.includes("?") ? "&" : "?";
  try {
    await setChannelPrice(db(), user.access, {
      channelCode: String(formData.get("channelCode") ?? ""),
      municipalityNumber: municipality ? String(municipality) : undefined,
      price: String(formData.get("price") ?? ""),
    });
  } catch (error) {
    if (error instanceof UserFacingError) redirect(`${back}${sep}fejl=${encodeURIComponent(error.message)}`);
    throw error;
  }
  redirect(`${back}${sep}gemt=${encodeURIComponent(String(formData.get("channelCode")))}`);
}
