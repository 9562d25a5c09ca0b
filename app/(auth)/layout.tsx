import type { ReactNode } from "react";
import { PublicPage } from "@/components/shell/public-page";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <PublicPage>{children}</PublicPage>;
}
