// Indentation for a unit's depth in a tree, as Tailwind classes (1.25 rem per level). Classes, not a
// style attribute: the Content-Security-Policy allows no inline styles (docs/security.md). The
// class names are written out in full so Tailwind finds them; deeper levels share the last step.
const STEPS = ["pl-0", "pl-5", "pl-10", "pl-15", "pl-20", "pl-25", "pl-30", "pl-35", "pl-40"] as const;

export function indentClass(depth: number): string {
  return STEPS[Math.max(0, Math.min(STEPS.length - 1, Math.floor(depth)))];
}
