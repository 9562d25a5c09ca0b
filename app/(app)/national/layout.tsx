import type { ReactNode } from "react";
import { FlashProvider } from "@/components/forms/flash";

/** Like the administration: messages outlive a form that a change removes (a deleted round). */
export default function NationalLayout({ children }: { children: ReactNode }) {
  return <FlashProvider>{children}</FlashProvider>;
}
