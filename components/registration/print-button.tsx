"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (the tally sheet, the management report). */
export function PrintButton({ label = "Udskriv skema" }: { label?: string }) {
  return <Button onClick={() => window.print()}>{label}</Button>;
}
