import { buttonClasses } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";

interface ExportFormProps {
  municipalities: { number: number; name: string }[];
  national: boolean;
  rounds: { id: string; name: string }[];
  channels: { code: string; name: string; direction: "IN" | "OUT" }[];
  /** The coordinator's units; empty when the export spans municipalities. */
  units: { id: string; name: string }[];
}

/** A plain GET form: the browser downloads the streamed file; the filter sits in the URL. */
export function ExportForm({ municipalities, national, rounds, channels, units }: ExportFormProps) {
  return (
    <form method="get" action="/api/exports/registrations" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
      {national ? (
        <div>
          <Label htmlFor="export-kommune">Kommune</Label>
          <Select id="export-kommune" name="kommune" defaultValue="">
            <option value="">Alle kommuner</option>
            {municipalities.map((m) => (
              <option key={m.number} value={m.number}>
                {m.name} ({m.number})
              </option>
            ))}
          </Select>
        </div>
      ) : (
        <input type="hidden" name="kommune" value={municipalities[0]?.number ?? ""} />
      )}
      <div>
        <Label htmlFor="export-fra">Fra (dato)</Label>
        <Input id="export-fra" name="fra" type="date" />
      </div>
      <div>
        <Label htmlFor="export-til">Til og med (dato)</Label>
        <Input id="export-til" name="til" type="date" />
      </div>
      <div>
        <Label htmlFor="export-runde">Tællerunde</Label>
        <Select id="export-runde" name="runde" defaultValue="" aria-describedby="export-runde-hint">
          <option value="">Ingen (brug datoerne)</option>
          {rounds.map((r) => (
            <option key={r.id} value={r.id}>
              {r.name}
            </option>
          ))}
        </Select>
        <p id="export-runde-hint" className="mt-1 text-sm text-slate-700">
          En runde afløser datoerne.
        </p>
      </div>
      {units.length ? (
        <div>
          <Label htmlFor="export-enhed">Enhed</Label>
          <Select id="export-enhed" name="enhed" defaultValue="">
            <option value="">Alle enheder</option>
            {units.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      <div>
        <Label htmlFor="export-kanal">Kanal</Label>
        <Select id="export-kanal" name="kanal" defaultValue="">
          <option value="">Alle kanaler</option>
          {channels.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name} {c.direction === "IN" ? "ind" : "ud"}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor="export-format">Format</Label>
        <Select id="export-format" name="format" defaultValue="csv">
          <option value="csv">Spor CSV (Excel, UTF-8)</option>
          <option value="legacy">Gammelt rå-eksport-format (TraceTool)</option>
        </Select>
      </div>
      <div className="sm:col-span-2 lg:col-span-4">
        <button type="submit" className={buttonClasses("primary")}>
          Hent registreringer
        </button>
        <p className="mt-2 text-sm text-slate-700">Prøvetællinger kommer aldrig med. Eksporten logges.</p>
      </div>
    </form>
  );
}
