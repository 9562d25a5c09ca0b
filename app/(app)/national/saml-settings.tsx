import { ActionForm } from "@/components/forms/action-form";
import { Hint } from "@/components/forms/fields";
import { Input, Label, Select } from "@/components/ui/field";
import { Table, Td, Th } from "@/components/ui/table";
import { setMunicipalityCvrAction } from "@/lib/municipalities/actions";

type Overview = {
  enabled: boolean;
  metadataUrl: string;
  municipalities: { number: number; name: string; cvr: string | null }[];
};

/** KL: login via KOMBIT's Context Handler (SAML): whether it is on, the metadata, and the CVR numbers it needs. */
export function SamlSettings({ overview }: { overview: Overview }) {
  const withCvr = overview.municipalities.filter((m) => m.cvr);
  return (
    <div className="space-y-4">
      <p>
        {overview.enabled ? (
          <>
            Login via KOMBIT er slået til. Spors metadata til KOMBITs administrationsmodul:{" "}
            <a href={overview.metadataUrl} className="break-all underline">
              {overview.metadataUrl}
            </a>
          </>
        ) : (
          <>Login via KOMBIT er ikke sat op i denne installation (driftens SPOR_SAML_-indstillinger, se driftsvejledningen).</>
        )}
      </p>
      {withCvr.length ? (
        <Table caption="Kommuner med CVR-nummer" captionHidden>
          <thead>
            <tr>
              <Th>Kommune</Th>
              <Th>CVR-nummer</Th>
            </tr>
          </thead>
          <tbody>
            {withCvr.map((m) => (
              <tr key={m.number}>
                <Th scope="row">{m.name}</Th>
                <Td>{m.cvr}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
      ) : (
        <p>Ingen kommuner har et CVR-nummer i Spor endnu.</p>
      )}
      <ActionForm
        action={setMunicipalityCvrAction}
        submitLabel="Gem CVR-nummer"
        label="Kommunens CVR-nummer"
        className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
      >
        <h3 className="text-lg font-semibold">Kommunens CVR-nummer</h3>
        <Hint>
          KOMBIT fortæller Spor, hvilken kommune en bruger kommer fra, med kommunens CVR-nummer. Lad feltet stå tomt for at fjerne det; så
          kan kommunens brugere ikke logge ind via KOMBIT.
        </Hint>
        <div>
          <Label htmlFor="cvr-municipality">Kommune</Label>
          <Select id="cvr-municipality" name="municipality" defaultValue="" required className="mt-1">
            <option value="" disabled>
              Vælg kommune
            </option>
            {overview.municipalities.map((m) => (
              <option key={m.number} value={m.number}>
                {m.name} ({m.number})
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="cvr-number">CVR-nummer</Label>
          <Input id="cvr-number" name="cvr" inputMode="numeric" pattern="[0-9]{8}" maxLength={8} autoComplete="off" className="mt-1" />
        </div>
      </ActionForm>
    </div>
  );
}
