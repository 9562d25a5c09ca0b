// Spor's service worker: keeps the registration screen usable offline (docs/security.md,
// "Offline: hvad browseren gemmer"). Registered by the registration screen as /sw.js?v=<build id>,
// so each build installs a new worker, and the new worker deletes every older build's caches.
//
// What it keeps, per build:
// - spor-static-<v>: Next's built files under /_next/static/ (JS, CSS, fonts; their names carry a
//   content hash, so cache-first is safe), cached as they are fetched, plus Spor's icons and manifest.
// - spor-pages-<v>: the last good HTML of /registrering (the unit the user last had open) and the last
//   answer of /api/registrations/today for that unit. Network first: a copy is used only when the
//   server cannot be reached.
// Nothing else is cached. Other pages, every other API call and every POST go to the network as before.
// All of it is deleted when the login page is shown (sign-out, an expired session) and when the server
// answers /registrering with anything but the screen (a redirect to the login page, 403, 404).
"use strict";

const VERSION = new URL(self.location.href).searchParams.get("v") || "dev";
const STATIC_CACHE = `spor-static-${VERSION}`;
const PAGE_CACHE = `spor-pages-${VERSION}`;
const SCREEN_PATH = "/registrering";
const TODAY_PATH = "/api/registrations/today";
const PUBLIC_FILES = new Set([
  "/manifest.webmanifest",
  "/icon.svg",
  "/favicon.ico",
  "/apple-icon.png",
  "/icons/icon-192.png",
  "/icons/icon-512.png",
  "/icons/maskable-512.png",
]);
const UNIT_HEADER = "X-Spor-Unit";

self.addEventListener("install", () => {
  void self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(names.filter((n) => n.startsWith("spor-") && n !== STATIC_CACHE && n !== PAGE_CACHE).map((n) => caches.delete(n)));
      await self.clients.claim();
    })(),
  );
});

function isScreen(url) {
  return url.pathname === SCREEN_PATH || url.pathname === `${SCREEN_PATH}/`;
}

/** Stores a good registration-screen answer under the path alone, marked with its unit. */
async function keepScreen(response) {
  if (response.status !== 200 || response.redirected || response.type !== "basic") return false;
  if (!(response.headers.get("Content-Type") || "").includes("text/html")) return false;
  const html = await response.clone().text();
  const unit = /data-registration-unit="([^"]+)"/.exec(html);
  if (!unit) return false; // an empty state ("no units"), not a screen to register on
  const headers = new Headers(response.headers);
  headers.set(UNIT_HEADER, unit[1]);
  headers.set("X-Spor-Cached-At", new Date().toISOString());
  const cache = await caches.open(PAGE_CACHE);
  await cache.put(SCREEN_PATH, new Response(html, { status: 200, statusText: response.statusText, headers }));
  return true;
}

async function forgetScreen() {
  const cache = await caches.open(PAGE_CACHE);
  const keys = await cache.keys();
  await Promise.all(keys.map((k) => cache.delete(k)));
}

async function cachedScreen() {
  const cache = await caches.open(PAGE_CACHE);
  return cache.match(SCREEN_PATH, { ignoreSearch: true, ignoreVary: true });
}

const OFFLINE_HTML = `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Ingen forbindelse · Spor</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#0f172a}a{color:#1d4ed8;font-size:1.125rem}</style></head>
<body><main><h1>Ingen forbindelse</h1><p>Siden kan ikke hentes, fordi der ikke er forbindelse til Spor.</p>
<p>Registreringsskærmen virker uden forbindelse, hvis den har været åbnet på denne computer: <a href="/registrering">Gå til registrering</a>.</p>
<p>Prøv igen, når forbindelsen er tilbage.</p></main></body></html>`;

function offlinePage() {
  return new Response(OFFLINE_HTML, {
    status: 503,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy":
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "Cache-Control": "no-store",
    },
  });
}

async function screenNavigation(request) {
  let response;
  try {
    response = await fetch(request);
  } catch {
    return (await cachedScreen()) || offlinePage();
  }
  if (response.status >= 500) return (await cachedScreen()) || response;
  // The server decides who may see the screen: a redirect (to the login page), 401, 403 or 404 ends the copy.
  if (!(await keepScreen(response))) await forgetScreen();
  return response;
}

async function otherNavigation(request) {
  try {
    return await fetch(request);
  } catch {
    return offlinePage();
  }
}

async function staticFile(request) {
  const cache = await caches.open(STATIC_CACHE);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

async function todayCounts(request) {
  const cache = await caches.open(PAGE_CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    else if (response.status === 401 || response.status === 403 || response.status === 404) await cache.delete(request);
    return response;
  } catch (error) {
    const hit = await cache.match(request, { ignoreVary: true });
    if (hit) return hit;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    if (url.pathname.startsWith("/api/")) return; // downloads go straight to the network
    event.respondWith(isScreen(url) ? screenNavigation(request) : otherNavigation(request));
  } else if (url.pathname.startsWith("/_next/static/") || PUBLIC_FILES.has(url.pathname)) {
    event.respondWith(staticFile(request));
  } else if (url.pathname === TODAY_PATH) {
    event.respondWith(todayCounts(request));
  }
});

async function keep(message) {
  // The screen's unit changed without a navigation (the unit picker), or the page was loaded before
  // this worker controlled it: fetch the screen once so the copy matches what the user sees.
  if (message.unitId) {
    const cached = await cachedScreen();
    if (!cached || cached.headers.get(UNIT_HEADER) !== message.unitId) {
      try {
        const response = await fetch(SCREEN_PATH, { credentials: "same-origin", cache: "no-store", redirect: "manual" });
        if (!(await keepScreen(response))) await forgetScreen();
      } catch {
        // offline: keep what there is
      }
    }
  }
  // The files the page loaded before the worker controlled it.
  const cache = await caches.open(STATIC_CACHE);
  for (const href of message.files || []) {
    const url = new URL(href, self.location.origin);
    if (url.origin !== self.location.origin || !url.pathname.startsWith("/_next/static/")) continue;
    if (await cache.match(url.href, { ignoreVary: true })) continue;
    try {
      const response = await fetch(url.href, { credentials: "same-origin" });
      if (response.ok) await cache.put(url.href, response);
    } catch {
      // offline: the next online load fills it in
    }
  }
}

async function clearAll() {
  const names = await caches.keys();
  await Promise.all(names.filter((n) => n.startsWith("spor-")).map((n) => caches.delete(n)));
}

self.addEventListener("message", (event) => {
  const message = event.data || {};
  const done = (ok) => event.ports[0] && event.ports[0].postMessage({ ok });
  if (message.type === "keep") {
    event.waitUntil(
      keep(message).then(
        () => done(true),
        () => done(false),
      ),
    );
  } else if (message.type === "clear") {
    event.waitUntil(
      clearAll().then(
        () => done(true),
        () => done(false),
      ),
    );
  }
});
