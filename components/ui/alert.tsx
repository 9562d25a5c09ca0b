import type { ReactNode } from "react";
import { cn } from "./cn";

export type AlertTone = "info" | "success" | "error";

const tones: Record<AlertTone, string> = {
  info: "border-brand-700 bg-brand-50 text-slate-900",
  success: "border-green-700 bg-green-50 text-slate-900",
  error: "border-red-700 bg-red-50 text-red-900",
};

/** A static notice box. For announcements, put it inside a live region (role="status" or "alert"). */
export function Alert({
  tone = "info",
  title,
  children,
  className,
}: {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("rounded-md border-l-4 px-4 py-3", tones[tone], className)}>
      {title ? <p className="font-semibold">{title}</p> : null}
      {children ? <div className={title ? "mt-1" : undefined}>{children}</div> : null}
    </div>
  );
}
