"use client";

import { useEffect, useState } from "react";

// The registration screen's side of the service worker (public/sw.js): register it, make sure its copy
// of the screen is the unit on screen, and hand it the built files the page loaded before it took
// over. docs/security.md, "Offline: hvad browseren gemmer".

const CACHE_PREFIX = "spor-";

/** Loaded more than this long after the server rendered it: the page is the worker's stored copy. */
const COPY_AFTER_MS = 60_000;

function builtFiles(): string[] {
  return performance
    .getEntriesByType("resource")
    .map((entry) => entry.name)
    .filter((name) => {
      try {
        const url = new URL(name);
        return url.origin === location.origin && url.pathname.startsWith("/_next/static/");
      } catch {
        return false;
      }
    });
}

/** Registers the worker for this build and asks it to keep this unit's screen. */
export function useOfflineShell(buildId: string, unitId: string) {
  useEffect(() => {
    if (process.env.NODE_ENV !== "production" || !("serviceWorker" in navigator)) return;
    let stopped = false;
    void (async () => {
      try {
        await navigator.serviceWorker.register(`/sw.js?v=${encodeURIComponent(buildId)}`, { scope: "/" });
        const ready = await navigator.serviceWorker.ready;
        if (stopped || !ready.active) return;
        ready.active.postMessage({ type: "keep", unitId, files: builtFiles() });
      } catch {
        // No worker (private mode, blocked): the screen still works online and keeps its outbox.
      }
    })();
    return () => {
      stopped = true;
    };
  }, [buildId, unitId]);
}

/**
 * When the screen on display is the stored copy (loaded without the server), the time it was stored,
 * else null. Decided once, after mount: the server render and hydration both see null.
 */
export function useStoredCopy(renderedAt: string): Date | null {
  const [copy, setCopy] = useState<Date | null>(null);
  useEffect(() => {
    const rendered = new Date(renderedAt);
    const old = Date.now() - rendered.getTime() > COPY_AFTER_MS;
    if (old || !navigator.onLine) {
      const timer = window.setTimeout(() => setCopy(rendered), 0);
      return () => window.clearTimeout(timer);
    }
  }, [renderedAt]);
  return copy;
}

/** Deletes every copy the worker keeps (pages, today's counts, built files). Called by the login page. */
export async function forgetOfflineCopies(): Promise<void> {
  if (typeof caches === "undefined") return;
  const names = await caches.keys();
  await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX)).map((name) => caches.delete(name)));
}
