"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog for the tally sheet. */
export function PrintButton() {
  return <Button onClick={() => window.print()}>Udskriv skema</Button>;
}
