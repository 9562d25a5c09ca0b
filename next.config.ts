import type { NextConfig } from "next";
import { API_CSP } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time,
  // so it and the database drivers must stay real node_modules, not bundled code.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // Lets parallel builds (developers' helpers, benchmarks) use separate output folders.
  distDir: process.env.SPOR_DIST_DIR ?? ".next",
  typedRoutes: false,
  // `npm test` (scripts/test-all.sh) generates Next's route types (`next typegen`) and runs `tsc` over
  // everything, route types included, before it builds, and sets SPOR_BUILD_TYPECHECKED=1 only when
  // that passed: its build need not check the same types a second time (about a minute on 2 cores).
  // Every other build (`npm run build`, `npm start`) still type-checks.
  typescript: { ignoreBuildErrors: process.env.SPOR_BUILD_TYPECHECKED === "1" },
  experimental: {
    // Server actions take small forms only. Files (Data uploads, user lists, KLE) go to route handlers
    // under app/api that stream the body through their own limit (BODY_LIMITS.upload, 413 while
    // streaming), so no action needs a large body. Next reads a server action's whole body before the
    // action runs, and the proxy buffers up to proxyClientMaxBodySize: both kept at 1 MB so that a
    // large POST with a Next-Action header (to any page) is refused before it can fill memory.
    serverActions: { bodySizeLimit: "1mb" },
    proxyClientMaxBodySize: "1mb",
  },
  // Static headers (fixed at build time). The pages' Content-Security-Policy (with a nonce per request)
  // and Strict-Transport-Security (which depends on SPOR_BASE_URL at run time) are set in proxy.ts.
  // docs/security.md, "Sikkerhedsheadere og cookies".
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
      {
        // JSON, CSV and XLSX: nothing in an API response may run or load anything.
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CSP }],
      },
    ];
  },
};

export default nextConfig;
