import { route } from "@/lib/actions/route";
import { metricsResponse } from "@/lib/server/metrics-response";

// Prometheus metrics for the operator's scraper (docs/deployment.md, "Metrics"): only with
// SPOR_METRICS_TOKEN set, and only with that token as a bearer token (the route wrapper checks it).
export const dynamic = "force-dynamic";

export const GET = route({ method: "GET", path: "/api/metrics", auth: "metrics-token", handler: () => metricsResponse() });
