import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Better Auth signs cookies with a secret. Production (server mode) must set BETTER_AUTH_SECRET;
 * the embedded default creates one on first start and keeps it beside the data, so sessions
 * survive a restart without any setup.
 */
export function authSecret(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.BETTER_AUTH_SECRET?.trim();
  if (configured) {
    if (configured.length < 32) throw new Error("BETTER_AUTH_SECRET skal være mindst 32 tegn.");
    return configured;
  }
  if (env.DATABASE_URL && env.NODE_ENV === "production" && !env.SPOR_ALLOW_GENERATED_SECRET) {
    throw new Error("Sæt BETTER_AUTH_SECRET (mindst 32 tilfældige tegn) når Spor kører mod en PostgreSQL-server.");
  }
  const dir = path.resolve(/*turbopackIgnore: true*/ process.cwd(), "data");
  const file = path.join(dir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
    return secret;
  } catch {
    return fs.readFileSync(file, "utf8").trim(); // another process wrote it first
  }
}
