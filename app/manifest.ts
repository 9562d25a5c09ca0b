import type { MetadataRoute } from "next";

// Lets a registrant pin the registration screen ("Føj til startskærm", "Installér Spor") under the
// name Spor. Served as /manifest.webmanifest; the icons are committed (scripts/icons.mjs).
export default function manifest(): MetadataRoute.Manifest {
  return {
    name: "Spor – registrering af henvendelser",
    short_name: "Spor",
    description: "Registrering af borgerhenvendelser i kommunernes tælleuger.",
    lang: "da",
    start_url: "/registrering",
    scope: "/",
    display: "standalone",
    background_color: "#f8fafc",
    theme_color: "#1d4ed8",
    icons: [
      { src: "/icon.svg", sizes: "any", type: "image/svg+xml" },
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
