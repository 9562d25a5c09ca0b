import type { ReactNode } from "react";
import { FlashProvider } from "@/components/forms/flash";

/** Mass registration and keyed sheets: a message region that outlives a deleted row's undo button. */
export default function MassRegistrationLayout({ children }: { children: ReactNode }) {
  return <FlashProvider>{children}</FlashProvider>;
}
