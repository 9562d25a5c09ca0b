import Link from "next/link";
import { formatCount } from "@/lib/format";
import { Badge } from "@/components/ui/page-header";
import { UNIT_KIND_LABELS } from "@/lib/units/default-channels";
import type { SetupUnit } from "@/lib/municipalities/queries";

/** The municipality's units as nested lists, so screen readers announce the levels. Each name opens the unit. */
export function UnitTree({ units }: { units: SetupUnit[] }) {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, SetupUnit[]>();
  for (const unit of units) {
    // A unit whose parent is missing is shown at the top rather than lost.
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const seen = new Set<string>();

  function renderLevel(parentId: string | null, depth: number) {
    const level = (children.get(parentId) ?? []).filter((u) => !seen.has(u.id));
    if (!level.length) return null;
    return (
      <ul className={depth === 0 ? "space-y-2" : "mt-2 space-y-2 border-l-2 border-slate-300 pl-4 sm:pl-6"}>
        {level.map((unit) => {
          seen.add(unit.id);
          return (
            <li key={unit.id} data-unit-id={unit.id}>
              <div
                className={
                  unit.archivedAt
                    ? "rounded-md border border-dashed border-slate-400 bg-slate-50 px-3 py-2"
                    : "rounded-md border border-slate-300 bg-white px-3 py-2"
                }
              >
                <Link href={`/administration/enheder/${unit.id}`} className="font-medium">
                  {unit.name}
                </Link>
                {unit.archivedAt ? <Badge>Arkiveret</Badge> : null}
                {unit.testMode ? <Badge>Prøvetælling</Badge> : null}
                {unit.timeMeasurement ? <Badge>Tidsmåling</Badge> : null}
                <span className="block text-sm text-slate-700">
                  {UNIT_KIND_LABELS[unit.kind]} · {formatCount(unit._count.channels, "kanal", "kanaler")} ·{" "}
                  {formatCount(unit._count.tasks, "opgave", "opgaver")}
                </span>
              </div>
              {renderLevel(unit.id, depth + 1)}
            </li>
          );
        })}
      </ul>
    );
  }

  return renderLevel(null, 0);
}
