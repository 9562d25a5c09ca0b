import type { ReactNode } from "react";
import { FlashProvider } from "@/components/forms/flash";

/** The administration pages share a message region that outlives forms a change removes. */
export default function AdministrationLayout({ children }: { children: ReactNode }) {
  return <FlashProvider>{children}</FlashProvider>;
}
