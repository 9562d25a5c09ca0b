import { Input, Label, Select } from "@/components/ui/field";
import { Hint } from "@/components/forms/fields";

export interface RoundValues {
  name: string;
  isoYear: number;
  firstWeek: number;
  weekCount: number;
  packageId: string | null;
  minApprovedMunicipalities: number;
}

/** The fields of a national round, for creating one and for correcting it. */
export function RoundFields({
  idPrefix,
  values,
  packages,
  weeksLocked,
}: {
  idPrefix: string;
  values: RoundValues;
  packages: { id: string; name: string }[];
  weeksLocked?: boolean;
}) {
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <div>
        <Label htmlFor={id("name")}>Navn</Label>
        <Input id={id("name")} name="name" defaultValue={values.name} required maxLength={60} autoComplete="off" className="mt-1" />
      </div>
      <div className="flex flex-wrap gap-4">
        <div>
          <Label htmlFor={id("year")}>År</Label>
          <Input
            id={id("year")}
            name="isoYear"
            type="number"
            inputMode="numeric"
            min={2010}
            max={2100}
            defaultValue={values.isoYear}
            readOnly={weeksLocked}
            required
            className="mt-1 w-28"
          />
        </div>
        <div>
          <Label htmlFor={id("week")}>Første uge</Label>
          <Input
            id={id("week")}
            name="firstWeek"
            type="number"
            inputMode="numeric"
            min={1}
            max={53}
            defaultValue={values.firstWeek}
            readOnly={weeksLocked}
            required
            className="mt-1 w-28"
          />
        </div>
        <div>
          <Label htmlFor={id("count")}>Antal uger</Label>
          <Select id={id("count")} name="weekCount" defaultValue={String(values.weekCount)} disabled={weeksLocked} className="mt-1 w-28">
            <option value="1">1 uge</option>
            <option value="2">2 uger</option>
            <option value="3">3 uger</option>
          </Select>
          {/* A disabled select is not posted; the locked value goes along as a hidden field. */}
          {weeksLocked ? <input type="hidden" name="weekCount" value={values.weekCount} /> : null}
        </div>
      </div>
      {weeksLocked ? <Hint>Kommuner har valgt uger i runden, så ugerne ligger fast. Navn og opgavepakke kan rettes.</Hint> : null}
      <div>
        <Label htmlFor={id("package")}>Opgavepakke</Label>
        <Select id={id("package")} name="packageId" defaultValue={values.packageId ?? ""} className="mt-1">
          <option value="">Ingen opgavepakke</option>
          {packages.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor={id("minimum")}>Mindste antal godkendte kommuner</Label>
        <Input
          id={id("minimum")}
          name="minApprovedMunicipalities"
          type="number"
          inputMode="numeric"
          min={1}
          max={98}
          defaultValue={values.minApprovedMunicipalities}
          required
          aria-describedby={id("minimum-hint")}
          className="mt-1 w-28"
        />
        <Hint id={id("minimum-hint")}>
          Nationale tal (benchmark, ranglister, landsgennemsnit) bygger kun på kommuner, der har godkendt runden. Har færre end dette antal
          godkendt, står der ved tallene, at de er foreløbige.
        </Hint>
      </div>
    </>
  );
}
