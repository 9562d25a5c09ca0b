import type { ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";
import { useId } from "react";
import { cn } from "./cn";

/**
 * A data table with a caption. Wide tables scroll inside their own keyboard-focusable region,
 * so the page itself never scrolls sideways (WCAG 1.4.10 reflow).
 */
export function Table({
  caption,
  children,
  captionHidden = false,
  sticky = false,
}: {
  caption: string;
  children: ReactNode;
  /** Keep the caption for screen readers only, when a visible heading already says the same. */
  captionHidden?: boolean;
  /**
   * A matrix: the region scrolls both ways within the window's height, and the header row and the
   * row headers (th scope="row") stay in view while it does.
   */
  sticky?: boolean;
}) {
  const id = useId();
  return (
    <div
      role="region"
      aria-labelledby={id}
      tabIndex={0}
      className={cn(
        "max-w-full overflow-x-auto rounded-md border border-slate-300 bg-white",
        sticky && "sticky-table max-h-[75vh] overflow-y-auto",
      )}
    >
      {/* Cells wrap between words only, never inside one (app/globals.css): a narrow column grows instead. */}
      <table className="w-full border-collapse text-left text-sm sm:text-base">
        <caption id={id} className={cn("px-3 py-2 text-left font-semibold", captionHidden && "sr-only")}>
          {caption}
        </caption>
        {children}
      </table>
    </div>
  );
}

export function Th({
  className,
  scope = "col",
  numeric = false,
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return (
    <th
      scope={scope}
      className={cn(
        "px-3 py-2 font-semibold",
        scope === "col" ? "border-b border-slate-300 bg-slate-100 align-bottom" : "border-b border-slate-200 align-top",
        numeric && "text-right",
        className,
      )}
      {...props}
    />
  );
}

export function Td({ className, numeric = false, ...props }: TdHTMLAttributes<HTMLTableCellElement> & { numeric?: boolean }) {
  return <td className={cn("border-b border-slate-200 px-3 py-2 align-top", numeric && "text-right tabular-nums", className)} {...props} />;
}
