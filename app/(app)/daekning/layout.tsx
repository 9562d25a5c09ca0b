import type { ReactNode } from "react";
import { FlashProvider } from "@/components/forms/flash";

/** Like the administration: a form's message outlives the form a change removes (the approve dialog once approved). */
export default function CoverageLayout({ children }: { children: ReactNode }) {
  return <FlashProvider>{children}</FlashProvider>;
}
