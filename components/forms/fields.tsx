import type { ReactNode } from "react";

// Small server-safe form pieces shared by the administration pages.

export function Hidden({ values }: { values: Record<string, string | number | null | undefined> }) {
  return (
    <>
      {Object.entries(values).map(([name, value]) =>
        value === null || value === undefined ? null : <input key={name} type="hidden" name={name} value={String(value)} />,
      )}
    </>
  );
}

/** A checkbox with its label as a 44 px tall target. */
export function Check({
  name,
  value,
  label,
  defaultChecked,
  hint,
  disabled,
}: {
  name: string;
  value?: string;
  label: ReactNode;
  defaultChecked?: boolean;
  hint?: ReactNode;
  disabled?: boolean;
}) {
  return (
    <label className="flex min-h-11 cursor-pointer items-start gap-3 py-1">
      <input
        type="checkbox"
        name={name}
        value={value ?? "on"}
        defaultChecked={defaultChecked}
        disabled={disabled}
        className="mt-0.5 h-5 w-5 shrink-0 accent-brand-700"
      />
      <span>
        {label}
        {hint ? <span className="block text-sm text-slate-700">{hint}</span> : null}
      </span>
    </label>
  );
}

export function Fieldset({ legend, children, className }: { legend: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={className ?? "rounded-md border border-slate-300 bg-white p-4"}>
      <legend className="px-1 font-semibold">{legend}</legend>
      {children}
    </fieldset>
  );
}

export function Hint({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <p id={id} className="text-sm text-slate-700">
      {children}
    </p>
  );
}
