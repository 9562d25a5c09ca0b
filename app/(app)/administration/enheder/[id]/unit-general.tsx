import { Input, Label, Select } from "@/components/ui/field";
import { Section } from "@/components/ui/page-header";
import { moveUnitAction, updateUnitAction } from "@/lib/units/actions";
import { UNIT_KIND_LABELS, UNIT_KINDS } from "@/lib/units/default-channels";
import type { UnitDetail } from "@/lib/units/page-queries";
import { ActionForm } from "@/components/forms/action-form";
import { Hidden } from "@/components/forms/fields";

interface TreeUnit {
  id: string;
  path: string;
  archivedAt: Date | null;
}

export function UnitGeneral({
  unit,
  ids,
  readOnly,
  tree,
}: {
  unit: UnitDetail;
  ids: { municipalityId: string; unitId: string };
  readOnly: boolean;
  tree: (TreeUnit & { parentId: string | null })[];
}) {
  if (readOnly) return null;
  // A unit cannot move below itself or below one of its own units.
  const below = new Set([unit.id]);
  for (const u of tree) if (u.parentId && below.has(u.parentId)) below.add(u.id);
  const parents = tree.filter((u) => !below.has(u.id) && !u.archivedAt);
  return (
    <Section title="Navn og placering">
      <div className="grid gap-6 md:grid-cols-2">
        <ActionForm
          action={updateUnitAction}
          submitLabel="Gem navn og type"
          label="Navn og type"
          className="rounded-md border border-slate-300 bg-white p-4"
        >
          <Hidden values={ids} />
          <div>
            <Label htmlFor="unit-name">Navn</Label>
            <Input id="unit-name" name="name" defaultValue={unit.name} required maxLength={100} className="mt-1" />
          </div>
          <div>
            <Label htmlFor="unit-kind">Type</Label>
            <Select id="unit-kind" name="kind" defaultValue={unit.kind} className="mt-1">
              {UNIT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {UNIT_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          </div>
        </ActionForm>
        <ActionForm
          action={moveUnitAction}
          submitLabel="Flyt enheden"
          label="Flyt enheden"
          className="rounded-md border border-slate-300 bg-white p-4"
        >
          <Hidden values={ids} />
          <div>
            <Label htmlFor="unit-parent">Placering i træet</Label>
            <Select id="unit-parent" name="parentId" defaultValue={unit.parentId ?? ""} className="mt-1">
              <option value="">Øverste niveau</option>
              {parents.map((p) => (
                <option key={p.id} value={p.id}>
                  Under {p.path}
                </option>
              ))}
            </Select>
          </div>
          <p className="text-sm text-slate-700">Underenhederne flytter med. Registreringerne bliver i enheden.</p>
        </ActionForm>
      </div>
    </Section>
  );
}
