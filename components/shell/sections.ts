import type { Section } from "@/lib/auth/access";

/** Where each section of the app lives and what the navigation calls it. */
export const SECTION_LINKS: Record<Section, { href: string; label: string }> = {
  overview: { href: "/overblik", label: "Overblik" },
  registration: { href: "/registrering", label: "Registrering" },
  reports: { href: "/rapporter", label: "Rapporter" },
  administration: { href: "/administration", label: "Administration" },
  data: { href: "/data", label: "Data" },
  mass: { href: "/masseregistrering", label: "Masseregistrering" },
  national: { href: "/national", label: "National" },
};
