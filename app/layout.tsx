import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Spor", template: "%s · Spor" },
  description: "Registrering af borgerhenvendelser i kommunernes tælleuger.",
};

// No maximum-scale: users must be able to zoom (WCAG 1.4.4).
export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="da">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
