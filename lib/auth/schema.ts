import { z } from "zod";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Skriv en gyldig e-mailadresse."),
  password: z.string().min(1, "Skriv din adgangskode.").max(128, "Adgangskoden er for lang."),
});

export interface SignInState {
  error?: string;
  fieldErrors?: Partial<Record<"email" | "password", string>>;
  email?: string;
}
