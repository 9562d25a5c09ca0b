import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      ".next-*/**",
      "lib/generated/**",
      "data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // No database access in app/: pages read through a domain's queries.ts, route handlers get the
    // database from the route wrapper's context (lib/actions/route.ts) and hand it to the domain.
    files: ["app/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db", "@/lib/database", "@/lib/database/*", "**/lib/db", "**/lib/database", "**/lib/database/*"],
              message:
                "No database access in app/: read through a domain's queries.ts, or use the route context's db (docs/architecture.md).",
            },
          ],
        },
      ],
    },
  },
  // Which modules may import which (layers, cycles, client code and the database) is checked on the
  // import graph by tests/unit/import-graph.test.ts.
];

export default config;
