import Link from "next/link";
import type { ReactNode } from "react";

/** "Tilbage til …" above a page's heading, to the page it was opened from. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p>
      <Link href={href} className="underline">
        {children}
      </Link>
    </p>
  );
}
