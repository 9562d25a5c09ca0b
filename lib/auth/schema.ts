import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Skriv en gyldig e-mailadresse."),
  password: z.string().min(1, "Skriv din adgangskode.").max(128, "Adgangskoden er for lang."),
});

/** A path on this site: "/x", not "//evil.example" nor "/\\evil.example" (browsers read both as another host). */
export function isSafeNextPath(next: string): boolean {
  return next.startsWith("/") && !next.startsWith("//") && !next.includes("\\") && !/[\u0000-\u001f]/.test(next);
}
