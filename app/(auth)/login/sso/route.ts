import { z } from "zod";
import { route } from "@/lib/actions/route";
import { ssoStartRedirect } from "@/lib/sso/start";

const startQuery = z.object({
  kommune: z.string().regex(/^\d{1,4}$/, "Angiv kommunens nummer, fx ?kommune=259."),
  next: z.string().max(2000).optional(),
});

/**
 * GET /login/sso?kommune=259[&next=/registrering] — single sign-on through the municipality's own
 * login, started by a plain link (docs/coordinators.md, "Log ind med kommunens login").
 */
export const GET = route({
  method: "GET",
  path: "/login/sso",
  auth: "public",
  query: startQuery,
  handler: async ({ request, query }) => ssoStartRedirect(request.headers, Number(query.kommune), query.next),
});
