import { Input, Label, Select } from "@/components/ui/field";
import { createUnitAction } from "@/lib/units/actions";
import { UNIT_KIND_LABELS, UNIT_KINDS } from "@/lib/units/default-channels";
import { ActionForm } from "@/components/forms/action-form";
import { Hidden, Hint } from "@/components/forms/fields";

export function CreateUnitForm({ municipalityId, parents }: { municipalityId: string; parents: { id: string; path: string }[] }) {
  return (
    <ActionForm
      action={createUnitAction}
      submitLabel="Opret enhed"
      pendingLabel="Opretter …"
      label="Ny enhed"
      className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
    >
      <Hidden values={{ municipalityId }} />
      <div>
        <Label htmlFor="unit-name">Navn</Label>
        <Input id="unit-name" name="name" required maxLength={100} autoComplete="off" className="mt-1" />
      </div>
      <div>
        <Label htmlFor="unit-parent">Placering</Label>
        <Select id="unit-parent" name="parentId" defaultValue="" className="mt-1">
          <option value="">Øverste niveau</option>
          {parents.map((p) => (
            <option key={p.id} value={p.id}>
              Under {p.path}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="unit-kind">Type</Label>
        <Select id="unit-kind" name="kind" defaultValue="CITIZEN_SERVICE" className="mt-1" aria-describedby="unit-kind-hint">
          {UNIT_KINDS.map((k) => (
            <option key={k} value={k}>
              {UNIT_KIND_LABELS[k]}
            </option>
          ))}
        </Select>
        <div id="unit-kind-hint" className="mt-1">
          <Hint>Typen giver enheden et fornuftigt udvalg af kanaler fra start. Du vælger opgaverne bagefter.</Hint>
        </div>
      </div>
    </ActionForm>
  );
}
