import "server-only";
import { metrics } from "./metrics.mjs";

/** The process's metrics in Prometheus's text format. */
export async function metricsResponse(): Promise<Response> {
  const { registry } = metrics();
  return new Response(await registry.metrics(), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
}
