import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/lib/auth/auth";

// Better Auth's HTTP endpoints (sign-in for scripts and API clients, sign-out, session).
// Sign-up is disabled in lib/auth/auth.ts, and the sign-in throttle runs in its hooks, so this path
// is held to the same limits as the login page.
export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  return toNextJsHandler(getAuth()).GET(request);
}

export async function POST(request: Request) {
  return toNextJsHandler(getAuth()).POST(request);
}
