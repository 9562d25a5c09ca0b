import { Label, Select } from "@/components/ui/field";
import { ROLE_LABELS } from "@/lib/auth/access";
import { ASSIGNABLE_ROLES } from "@/lib/users/schemas";
import { Check, Fieldset } from "@/components/forms/fields";
import { indentClass } from "@/components/ui/indent";

const ROLE_HINTS: Record<(typeof ASSIGNABLE_ROLES)[number], string> = {
  REGISTRANT: "registrerer i de valgte enheder",
  UNIT_LEAD: "registrerer og læser rapporter for de valgte enheder og enhederne under dem",
  COORDINATOR: "administrerer hele kommunen",
};

/** Role and units, shared by the invitation and the user's own page. */
export function AccessFields({
  idPrefix,
  units,
  role = "REGISTRANT",
  unitIds = [],
}: {
  idPrefix: string;
  units: { id: string; path: string; depth: number }[];
  role?: string;
  unitIds?: string[];
}) {
  return (
    <>
      <div>
        <Label htmlFor={`${idPrefix}-role`}>Rolle</Label>
        <Select id={`${idPrefix}-role`} name="role" defaultValue={role} className="mt-1">
          {ASSIGNABLE_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]} – {ROLE_HINTS[r]}
            </option>
          ))}
        </Select>
      </div>
      <Fieldset legend="Enheder (for medarbejdere og enhedsansvarlige)">
        {units.length ? (
          <div className="max-h-72 overflow-y-auto">
            {units.map((u) => (
              <div key={u.id} className={indentClass(u.depth)}>
                <Check name="unitId" value={u.id} label={u.path} defaultChecked={unitIds.includes(u.id)} />
              </div>
            ))}
          </div>
        ) : (
          <p>Kommunen har ingen aktive enheder.</p>
        )}
      </Fieldset>
    </>
  );
}
