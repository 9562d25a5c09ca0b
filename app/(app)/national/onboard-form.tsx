import { Input, Label, Select } from "@/components/ui/field";
import { onboardMunicipalityAction } from "@/lib/municipalities/actions";
import { DANISH_MUNICIPALITIES } from "@/lib/reference/municipalities";
import { ActionForm } from "@/components/forms/action-form";
import { Hint } from "@/components/forms/fields";

/** KL adds one of the 98 municipalities and invites its first coordinator. */
export function OnboardForm({ existing }: { existing: number[] }) {
  const taken = new Set(existing);
  const available = DANISH_MUNICIPALITIES.filter((m) => !taken.has(m.number)).sort((a, b) => a.name.localeCompare(b.name, "da"));
  if (!available.length) return <Hint>Alle 98 kommuner er i Spor.</Hint>;
  return (
    <ActionForm
      action={onboardMunicipalityAction}
      submitLabel="Tilføj kommunen"
      pendingLabel="Tilføjer …"
      label="Tilføj en kommune"
      resetOnSuccess
      className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
    >
      <h3 className="text-lg font-semibold">Tilføj en kommune</h3>
      <Hint>
        Kommunen kommer med i Spor, og dens første tovholder får et aktiveringslink. Tovholderen opretter selv enheder og kolleger.
      </Hint>
      <div>
        <Label htmlFor="onboard-number">Kommune</Label>
        <Select id="onboard-number" name="number" defaultValue="" required className="mt-1">
          <option value="" disabled>
            Vælg kommune
          </option>
          {available.map((m) => (
            <option key={m.number} value={m.number}>
              {m.name} ({m.number})
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="onboard-name">Tovholderens navn</Label>
        <Input id="onboard-name" name="coordinatorName" required maxLength={200} autoComplete="off" className="mt-1" />
      </div>
      <div>
        <Label htmlFor="onboard-email">Tovholderens e-mail</Label>
        <Input id="onboard-email" name="coordinatorEmail" type="email" required maxLength={200} autoComplete="off" className="mt-1" />
      </div>
    </ActionForm>
  );
}
