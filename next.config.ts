import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM and data files from its own package folder at run time,
  // so it and the database drivers must stay real node_modules, not bundled code.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // Lets parallel builds (developers' helpers, benchmarks) use separate output folders.
  distDir: process.env.SPOR_DIST_DIR ?? ".next",
  typedRoutes: false,
  experimental: {
    // Server actions take small forms only. Files (Data uploads, user lists, KLE) go to route handlers
    // under app/api that stream the body through their own limit (BODY_LIMITS.upload, 413 while
    // streaming), so no action needs a large body. Next reads a server action's whole body before the
    // action runs, and the proxy buffers up to proxyClientMaxBodySize: both kept at 1 MB so that a
    // large POST with a Next-Action header (to any page) is refused before it can fill memory.
    serverActions: { bodySizeLimit: "1mb" },
    proxyClientMaxBodySize: "1mb",
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default nextConfig;
