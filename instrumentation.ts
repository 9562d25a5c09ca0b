import type { Instrumentation } from "next";

// Next.js calls register() once when the server starts, before it serves a request.
// The work itself lives in instrumentation-node.ts so the Edge build never sees Node-only code.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareOnServerStart } = await import("./instrumentation-node");
    await prepareOnServerStart();
  }
}

// Every error Next catches while rendering a page, running a server action or a route handler: one JSON
// log line with the request's id and the error's digest (the "Fejlkode" the error page shows), so the
// operator finds the stack from what a user reports. The path only: a query string may hold personal data.
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { logRequestError } = await import("./instrumentation-node");
  logRequestError(error, request, context);
};
