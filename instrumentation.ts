// Next.js calls register() once when the server starts, before it serves a request.
// The work itself lives in instrumentation-node.ts so the Edge build never sees Node-only code.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { prepareOnServerStart } = await import("./instrumentation-node");
    await prepareOnServerStart();
  }
}
