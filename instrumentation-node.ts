import type { Instrumentation } from "next";
import { getDatabase } from "./lib/db";
import { instanceSettingsProblems, readBuildFacts } from "./lib/http/instance-settings";
import { checkConfig } from "./lib/server/config";
import { prepareDatabase } from "./lib/database/prepare";
import { schedulePurge } from "./lib/privacy/purge-schedule";
import { scheduleNudgeMails } from "./lib/coverage/nudge-schedule";
import { log } from "./lib/server/log.mjs";

/**
 * Opens the database (this process then owns the embedded PGlite directory), migrates it and loads
 * reference data. Demo data is loaded on the first start of the embedded database (SPOR_DEMO=0 turns
 * that off) and on a server database only with SPOR_DEMO=1: demo users must never reach production.
 */
export async function prepareOnServerStart(): Promise<void> {
  // Every setting checked before anything else: a typo stops the start, naming the variable; and the
  // server-action key and deployment id every instance shares (lib/http/instance-settings.ts).
  const config = checkConfig();
  const errors = [...config.errors, ...instanceSettingsProblems(process.env, readBuildFacts())];
  for (const warning of config.warnings) log.warn(warning);
  if (errors.length) {
    for (const error of errors) log.fatal(error);
    log.fatal("Spor starter ikke, før indstillingerne er rettet (docs/deployment.md). / Spor does not start until the settings are fixed.");
    process.exit(1);
  }
  try {
    const database = getDatabase();
    const embedded = database.target.kind !== "server";
    const demo = embedded ? process.env.SPOR_DEMO !== "0" : process.env.SPOR_DEMO === "1";
    await prepareDatabase(database, { demoOnFirstStart: demo, log: (message) => log.info(message) });
    schedulePurge(database); // GDPR retention, daily (docs/deployment.md)
    scheduleNudgeMails(database); // coverage below the threshold, each morning, where mail is configured
  } catch (error) {
    log.fatal({ err: error }, `Databasen kunne ikke klargøres: ${(error as Error).message}`);
    process.exit(1);
  }
}

type OnRequestError = Parameters<Instrumentation.onRequestError>;

/** The onRequestError hook's log line (instrumentation.ts). */
export function logRequestError(error: OnRequestError[0], request: OnRequestError[1], context: OnRequestError[2]): void {
  const header = request.headers["x-request-id"];
  const digest = (error as { digest?: unknown } | null)?.digest;
  log.error(
    {
      err: error,
      // Set by the HTTP server on every request (lib/server/http-server.mjs); the log context may be gone here.
      requestId: Array.isArray(header) ? header[0] : header,
      digest: typeof digest === "string" ? digest : undefined,
      method: request.method,
      path: request.path.split("?")[0],
      routePath: context.routePath,
      routeType: context.routeType,
    },
    "Fejl under behandling af en forespørgsel",
  );
}
