import "server-only";
import { spawn } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { UserFacingError } from "@/lib/errors";
import { Slots } from "@/lib/http/slots";

// The management report as PDF: Chromium (SPOR_CHROMIUM_PATH, e.g. Debian's /usr/bin/chromium, the
// browser the end-to-end tests drive) opens the same page the user sees, with the user's own session
// cookie, and prints it with the page's print CSS (A4, page breaks, running header, page numbers).
// One Chromium per PDF, headless, talking the DevTools protocol over a pipe (no port is opened), in
// a throwaway profile, killed when done or after PDF_TIMEOUT_MS. Why Chromium and not a PDF library:
// the PDF is the printed page itself, so it cannot drift from what the page shows. Unset: no PDF
// route; the page says to use the browser's print ("Gem som PDF"). docs/deployment.md.

const PDF_TIMEOUT_MS = 60_000;

/** Chromium's path when PDFs are on, else null. */
export function chromiumPath(env: Record<string, string | undefined> = process.env): string | null {
  return env.SPOR_CHROMIUM_PATH?.trim() || null;
}

/** At most two Chromiums at once per instance (each takes a core and some 200 MB while it prints). */
export const pdfSlots = new Slots(() => 2, "Der laves allerede så mange PDF'er, som serveren tager ad gangen. Prøv igen om et øjeblik.");

interface CdpMessage {
  id?: number;
  method?: string;
  sessionId?: string;
  result?: Record<string, unknown>;
  error?: { message: string };
  params?: Record<string, unknown>;
}

/** The cookies of a Cookie header, for Chromium's Network.setCookies. */
function cookiesOf(header: string | null, url: string): { name: string; value: string; url: string }[] {
  if (!header) return [];
  return header
    .split(";")
    .map((part) => part.trim())
    .filter((part) => part.includes("="))
    .map((part) => {
      const i = part.indexOf("=");
      return { name: part.slice(0, i), value: part.slice(i + 1), url };
    });
}

/**
 * Prints `url` (a page of this Spor, on its own base URL) to PDF as the user whose Cookie header is
 * given. Rejects with a Danish UserFacingError when Chromium fails, the page does not answer 200, or
 * it takes too long.
 */
export async function printPageToPdf(executable: string, url: string, cookieHeader: string | null): Promise<Uint8Array> {
  const profile = await fs.mkdtemp(path.join(os.tmpdir(), "spor-pdf-"));
  const args = [
    "--headless",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-extensions",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-pipe",
    `--user-data-dir=${profile}`,
    // Chromium's sandbox refuses to start as root (a container's default user).
    ...(process.getuid?.() === 0 ? ["--no-sandbox"] : []),
  ];
  const child = spawn(executable, args, { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
  const input = child.stdio[3] as NodeJS.WritableStream;
  const output = child.stdio[4] as NodeJS.ReadableStream;
  let nextId = 1;
  const pending = new Map<number, { resolve: (m: CdpMessage) => void; reject: (e: Error) => void }>();
  const waiters: { method: string; sessionId?: string; match: (m: CdpMessage) => boolean; resolve: (m: CdpMessage) => void }[] = [];
  let buffer = "";
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const p of pending.values()) p.reject(failure);
    pending.clear();
  };
  output.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let end: number;
    while ((end = buffer.indexOf("\0")) >= 0) {
      const message = JSON.parse(buffer.slice(0, end)) as CdpMessage;
      buffer = buffer.slice(end + 1);
      if (message.id !== undefined) {
        const p = pending.get(message.id);
        pending.delete(message.id);
        if (message.error) p?.reject(new Error(message.error.message));
        else p?.resolve(message);
      } else if (message.method) {
        const i = waiters.findIndex(
          (w) => w.method === message.method && (!w.sessionId || w.sessionId === message.sessionId) && w.match(message),
        );
        if (i >= 0) waiters.splice(i, 1)[0].resolve(message);
      }
    }
  });
  child.on("error", (error) => fail(error));
  child.on("exit", () => fail(new Error("Chromium stopped")));
  const send = (method: string, params: Record<string, unknown> = {}, sessionId?: string) =>
    new Promise<CdpMessage>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = nextId++;
      pending.set(id, { resolve, reject });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });
  const event = (method: string, sessionId?: string, match: (m: CdpMessage) => boolean = () => true) =>
    new Promise<CdpMessage>((resolve) => waiters.push({ method, sessionId, match, resolve }));
  const timer = setTimeout(() => fail(new Error("timeout")), PDF_TIMEOUT_MS);
  try {
    const { result: target } = await send("Target.createTarget", { url: "about:blank" });
    const { result: attached } = await send("Target.attachToTarget", { targetId: target!.targetId, flatten: true });
    const session = attached!.sessionId as string;
    const origin = new URL(url).origin;
    const cookies = cookiesOf(cookieHeader, origin);
    if (cookies.length) await send("Network.setCookies", { cookies }, session);
    await send("Network.enable", {}, session);
    await send("Page.enable", {}, session);
    const response = event("Network.responseReceived", session, (m) => m.params?.type === "Document");
    const loaded = event("Page.loadEventFired", session);
    await send("Page.navigate", { url }, session);
    const status = Number(((await response).params?.response as { status?: number } | undefined)?.status ?? 0);
    if (status !== 200)
      throw new UserFacingError(status === 404 ? "Siden findes ikke." : "Rapporten kunne ikke åbnes til PDF.", status === 404 ? 404 : 502);
    await loaded;
    const { result } = await send("Page.printToPDF", { preferCSSPageSize: true, printBackground: true }, session);
    return Buffer.from(String(result!.data), "base64");
  } catch (error) {
    if (error instanceof UserFacingError) throw error;
    throw new UserFacingError("PDF'en kunne ikke laves på serveren. Brug browserens udskrift («Gem som PDF») i stedet.", 503);
  } finally {
    clearTimeout(timer);
    child.kill("SIGKILL");
    await fs.rm(profile, { recursive: true, force: true }).catch(() => {});
  }
}
