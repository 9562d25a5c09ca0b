import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Spor", template: "%s · Spor" },
  description: "Registrering af borgerhenvendelser i kommunernes tælleuger.",
  applicationName: "Spor",
  appleWebApp: { title: "Spor", capable: true },
};

// No maximum-scale: users must be able to zoom (WCAG 1.4.4).
export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#1d4ed8" };

// Every page is rendered per request: Next.js puts the request's CSP nonce (proxy.ts) on its scripts
// only while rendering, so a page prerendered at build time would have scripts the policy blocks.
export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="da">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
