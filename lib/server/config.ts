import "server-only";
import { z } from "zod";
import { BaseUrlError, baseUrl, isServerProduction } from "@/lib/http/base-url";
import { samlConfigProblem } from "@/lib/sso/saml-config";

// Every environment variable Spor reads, checked once when the server starts (instrumentation-node.ts),
// so that a typo stops the start with a message naming the variable (Danish, then English) instead of
// failing on the first request that reads it. docs/deployment.md, "Configuration", lists them all.
// The modules that read a variable keep their own parsing (and defaults); this is the gate in front.
//
// "Production" is a server installation: DATABASE_URL set and NODE_ENV=production (lib/http/base-url.ts).
// README's quickstart (`npm install && npm start`: NODE_ENV=production on the embedded database) is not,
// so it still starts without any configuration.

type Env = Record<string, string | undefined>;

/** A message for one variable: Danish, then English. */
function says(danish: string, english: string): string {
  return `${danish} / ${english}`;
}

const wholeNumber = (min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, says(`skal være et helt tal fra ${min}`, `must be a whole number from ${min}`))
    .refine(
      (v) => Number(v) >= min && Number(v) <= max,
      says(`skal være et helt tal fra ${min} til ${max}`, `must be a whole number from ${min} to ${max}`),
    );
const positive = z
  .string()
  .trim()
  .refine((v) => Number.isFinite(Number(v)) && Number(v) > 0, says("skal være et positivt tal", "must be a positive number"));
const oneOf = (values: readonly string[]) =>
  z.enum(values as [string, ...string[]], { error: says(`skal være én af ${values.join(", ")}`, `must be one of ${values.join(", ")}`) });
const url = (protocols: string[]) =>
  z
    .string()
    .trim()
    .refine(
      (v) => {
        try {
          return protocols.includes(new URL(v).protocol);
        } catch {
          return false;
        }
      },
      says(
        `skal være en adresse, der begynder med ${protocols.map((p) => `${p}//`).join(" eller ")}`,
        `must be a URL starting with ${protocols.map((p) => `${p}//`).join(" or ")}`,
      ),
    );
const text = z.string();

/** The variables and their rules. Unset (or empty) always passes here: each has a default. */
export const VARIABLES = {
  DATABASE_URL: url(["postgres:", "postgresql:"]),
  PORT: wholeNumber(0, 65535),
  BETTER_AUTH_SECRET: z.string().trim().min(32, says("skal være mindst 32 tegn", "must be at least 32 characters")),
  SPOR_ALLOW_GENERATED_SECRET: text,
  SPOR_BASE_URL: text, // checked by baseUrl() below, the one rule every link uses
  SPOR_DATA_DIR: text,
  SPOR_PGLITE_THREAD: oneOf(["worker", "main"]),
  SPOR_SESSION_MAX_HOURS: positive,
  SPOR_SESSION_IDLE_MINUTES: positive,
  SPOR_MAX_HEAP_MB: wholeNumber(64),
  SPOR_TRUSTED_PROXIES: wholeNumber(0, 10),
  SPOR_DB_STATEMENT_TIMEOUT_MS: wholeNumber(0),
  SPOR_DB_LOCK_TIMEOUT_MS: wholeNumber(0),
  SPOR_IMPORT_WORKERS: wholeNumber(1),
  SPOR_DB_POOL: wholeNumber(1, 200),
  SPOR_SECRETS_KEY: text, // checked by secretsKey() (lib/sso/secret-box.ts) when a client secret is sealed or opened
  SPOR_EXPORT_CONCURRENCY: wholeNumber(1),
  SPOR_IMPORT_STAGING: oneOf(["0", "1"]),
  SPOR_DEMO: oneOf(["0", "1"]),
  SPOR_SMTP_URL: url(["smtp:", "smtps:"]),
  SPOR_MAIL_FROM: text,
  SPOR_DIST_DIR: text,
  SPOR_BUILD_TYPECHECKED: text,
  SPOR_LOG_LEVEL: oneOf(["trace", "debug", "info", "warn", "error", "fatal", "silent"]),
  SPOR_METRICS_TOKEN: z.string().trim().min(16, says("skal være mindst 16 tegn", "must be at least 16 characters")),
  SPOR_DRAIN_SECONDS: wholeNumber(1, 600),
  SPOR_AUDIT_RETENTION_DAYS: wholeNumber(0),
  SPOR_DEACTIVATED_RETENTION_DAYS: wholeNumber(0),
  SPOR_PURGE_HOUR: wholeNumber(0, 23),
  SPOR_NUDGE_MAIL_HOUR: wholeNumber(0, 23),
  SPOR_PRIVACY_CONTACT: text,
  SPOR_ACCESSIBILITY_URL: z
    .string()
    .trim()
    .refine(
      (v) => v.startsWith("/") || /^https:\/\//.test(v),
      says("skal være en sti (/…) eller en https://-adresse", "must be a path (/…) or an https:// URL"),
    ),
  // SAML sign-in through KOMBIT's Context Handler: checked together by samlConfigProblem() below.
  SPOR_SAML_IDP_ENTITY_ID: text,
  SPOR_SAML_IDP_SSO_URL: text,
  SPOR_SAML_IDP_CERT: text,
  SPOR_SAML_SP_KEY: text,
  SPOR_SAML_SP_CERT: text,
  SPOR_SAML_ENTITY_ID: text,
  SPOR_SAML_ROLE_DOMAIN: text,
  SPOR_CHROMIUM_PATH: z
    .string()
    .trim()
    .refine(
      (v) => v.startsWith("/"),
      says("skal være en absolut sti til Chromium, fx /usr/bin/chromium", "must be an absolute path to Chromium, e.g. /usr/bin/chromium"),
    ),
} satisfies Record<string, z.ZodType>;

/** Prefixes of variables Spor's own tools read (benchmarks, tests): not the server's configuration. */
const TOOL_PREFIXES = ["SPOR_BENCH_", "SPOR_TEST_", "SPOR_E2E_"];

export interface ConfigCheck {
  /** Each a sentence naming the variable; the server does not start while there is one. */
  errors: string[];
  /** A SPOR_* name Spor does not know (a typo?); the server starts. */
  warnings: string[];
}

/** Checks the environment; never throws. */
export function checkConfig(env: Env = process.env): ConfigCheck {
  const errors: string[] = [];
  for (const [name, schema] of Object.entries(VARIABLES)) {
    const value = env[name];
    if (value === undefined || value.trim() === "") continue;
    const parsed = (schema as z.ZodType).safeParse(value);
    if (!parsed.success) errors.push(`${name} ${parsed.error.issues[0]?.message} (${name}="${shown(name, value)}").`);
  }
  try {
    baseUrl(env);
  } catch (error) {
    if (!(error instanceof BaseUrlError)) throw error;
    errors.push(error.message);
  }
  const saml = samlConfigProblem(env);
  if (saml) errors.push(saml);
  if (isServerProduction(env) && !env.BETTER_AUTH_SECRET?.trim() && !env.SPOR_ALLOW_GENERATED_SECRET) {
    errors.push(
      says(
        "BETTER_AUTH_SECRET mangler: sæt den til mindst 32 tilfældige tegn (fx openssl rand -base64 36), når Spor kører mod en PostgreSQL-server (DATABASE_URL) i produktion.",
        "BETTER_AUTH_SECRET is required on a PostgreSQL server in production: at least 32 random characters.",
      ),
    );
  }
  const known = new Set(Object.keys(VARIABLES));
  const warnings = Object.keys(env)
    .filter(
      (name) =>
        (name.startsWith("SPOR_") || name.startsWith("BETTER_AUTH_")) && !known.has(name) && !TOOL_PREFIXES.some((p) => name.startsWith(p)),
    )
    .sort()
    .map((name) =>
      says(
        `${name} er ikke en indstilling, Spor kender (en stavefejl?); den bruges ikke.`,
        `${name} is not a setting Spor knows (a typo?); it is ignored.`,
      ),
    );
  return { errors, warnings };
}

/** Secrets are never echoed back into a log. */
function shown(name: string, value: string): string {
  if (/SECRET|TOKEN|PASSWORD/.test(name)) return "…";
  if (name === "DATABASE_URL" || name === "SPOR_SMTP_URL") return value.replace(/\/\/[^@/]*@/, "//…@");
  return value;
}
