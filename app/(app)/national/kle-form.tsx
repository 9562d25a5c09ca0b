import { formatDateTime, formatNumber } from "@/lib/format";
import { RouteForm } from "@/components/forms/route-form";
import { Hint } from "@/components/forms/fields";

/** KL loads the KLE-Emneplan XML it publishes; coordinators then find every KLE task when setting up units. */
export function KleForm({ status }: { status: { tasks: number; importedAt: Date | null; publishedOn: string | null } }) {
  return (
    <>
      <p>
        {status.tasks
          ? `${formatNumber(status.tasks)} KLE-numre er indlæst${status.publishedOn ? ` fra KLE udgivet ${status.publishedOn}` : ""}${status.importedAt ? ` (${formatDateTime(status.importedAt)})` : ""}.`
          : "KLE er ikke indlæst endnu: kommunerne kan kun vælge opgaverne fra opgavepakkerne."}
      </p>
      <RouteForm
        url="/api/kle"
        submitLabel="Indlæs KLE"
        pendingLabel="Indlæser …"
        label="Indlæs KLE"
        encType="multipart/form-data"
        className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
      >
        <div>
          <label htmlFor="kle-file" className="block font-medium text-slate-900">
            KLE-Emneplan (XML, format 2.0)
          </label>
          <input
            id="kle-file"
            name="file"
            type="file"
            accept=".xml,application/xml,text/xml"
            required
            className="mt-1 block min-h-11 w-full"
          />
        </div>
        <Hint>
          Nye numre oprettes, ændrede titler og datoer opdateres, og numre, der ikke er i filen, bliver. Brug af KLE kræver KL&apos;s
          samtykke; Spor leveres uden KLE.
        </Hint>
      </RouteForm>
    </>
  );
}
