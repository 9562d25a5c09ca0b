// Talks to the registration endpoints and sorts every answer into what the outbox should do next.
import type { OutboxItem } from "./outbox-store";

export type SendResult =
  | { kind: "created"; inCountingWeek: boolean; isTest: boolean }
  | { kind: "duplicate" }
  /** The server refused the registration itself (validation): resending would fail again. */
  | { kind: "rejected"; error: string }
  /** No answer, a server error, or a lost session: keep it and try again later. */
  | { kind: "retry"; reason: "network" | "server" | "session" };

const JSON_HEADERS = { "Content-Type": "application/json", Accept: "application/json" };

// 401: the session ran out; the registration is still good once the user signs in again.
// 408/425/429: the server asks us to come back later.
const RETRY_STATUSES = new Set([401, 408, 425, 429]);

/**
 * Sends one outbox item: one registration, or a contact about several tasks as one unit.
 * A resend from the outbox says so (X-Spor-Retry: 1), for the server's spor_outbox_retries_total.
 */
export async function sendItem(item: Pick<OutboxItem, "payload" | "more">, retry = false): Promise<SendResult> {
  const contact = Boolean(item.more?.length);
  let response: Response;
  try {
    response = await fetch(contact ? "/api/registrations/contact" : "/api/registrations", {
      method: "POST",
      headers: retry ? { ...JSON_HEADERS, "X-Spor-Retry": "1" } : JSON_HEADERS,
      body: JSON.stringify(contact ? { registrations: [item.payload, ...item.more!] } : item.payload),
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { kind: "retry", reason: "network" };
  }
  const body = (await response.json().catch(() => null)) as {
    status?: string;
    inCountingWeek?: boolean;
    isTest?: boolean;
    error?: string;
  } | null;
  if (response.status === 201) return { kind: "created", inCountingWeek: Boolean(body?.inCountingWeek), isTest: Boolean(body?.isTest) };
  if (response.status === 200 && body?.status === "duplicate") return { kind: "duplicate" };
  if (response.status >= 400 && response.status < 500 && !RETRY_STATUSES.has(response.status)) {
    return { kind: "rejected", error: body?.error ?? "Registreringen blev afvist." };
  }
  return { kind: "retry", reason: response.status === 401 ? "session" : "server" };
}

/** A JSON call to one of the other endpoints; returns the Danish error message on failure. */
export async function callJson(
  url: string,
  method: string,
  body?: unknown,
): Promise<{ ok: true; data: unknown } | { ok: false; error: string }> {
  try {
    const response = await fetch(url, {
      method,
      headers: body === undefined ? { Accept: "application/json" } : JSON_HEADERS,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
    const data = (await response.json().catch(() => null)) as { error?: string } | null;
    if (!response.ok) return { ok: false, error: data?.error ?? "Der skete en fejl. Prøv igen." };
    return { ok: true, data };
  } catch {
    return { ok: false, error: "Ingen forbindelse til serveren. Prøv igen, når forbindelsen er tilbage." };
  }
}
