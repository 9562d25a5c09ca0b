import "server-only";
import crypto from "node:crypto";
import { UserFacingError } from "@/lib/errors";

// Secrets Spor must be able to read again (an SSO client secret is sent to the provider's token
// endpoint) are stored encrypted with AES-256-GCM under SPOR_SECRETS_KEY, a key that lives in the
// environment and never in the database: a database dump alone does not give away the secret.
// The additional data binds a ciphertext to its owner (the municipality), so a secret copied into
// another municipality's row does not decrypt. Format: "v1.<iv>.<tag>.<ciphertext>" in base64url.

const SECRETS_KEY_MISSING =
  "SPOR_SECRETS_KEY mangler: sæt den til 32 tilfældige bytes i base64 (openssl rand -base64 32), før single sign-on kan sættes op.";

/** The 32-byte key from SPOR_SECRETS_KEY (base64 or base64url); a clear Danish error otherwise. */
export function secretsKey(env: NodeJS.ProcessEnv = process.env): Buffer {
  const raw = env.SPOR_SECRETS_KEY?.trim();
  if (!raw) throw new UserFacingError(SECRETS_KEY_MISSING);
  const key = Buffer.from(raw.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (key.length !== 32) throw new UserFacingError("SPOR_SECRETS_KEY skal være præcis 32 bytes i base64 (openssl rand -base64 32).");
  return key;
}

export function sealSecret(plaintext: string, owner: string, key: Buffer = secretsKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(owner, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

/** The plaintext, or an error when the key, the owner or a single byte of the stored text differs. */
export function openSecret(sealed: string, owner: string, key: Buffer = secretsKey()): string {
  const [version, iv, tag, body] = sealed.split(".");
  if (version !== "v1" || !iv || !tag || body === undefined) throw new Error("not a sealed secret");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(owner, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}
