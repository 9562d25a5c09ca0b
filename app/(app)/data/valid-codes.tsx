import { Table, Td, Th } from "@/components/ui/table";
import { CHANNEL_CHOICES, CLOSURE_CHOICES, CONTACT_TYPE_CHOICES, type CodeChoice } from "@/lib/reference/nearest-code";
import { SOURCE_LABELS } from "@/lib/reference/sources";

const FORM_CHOICES: CodeChoice[] = [
  { code: "JA", label: "Der kom en blanket med" },
  { code: "NEJ", label: "Ingen blanket" },
  { code: "(tom) eller NULL", label: "Ikke spurgt" },
];

const DATA_SOURCE_CHOICES: CodeChoice[] = [
  { code: "Tracetool", label: SOURCE_LABELS.LEGACY_TRACETOOL },
  { code: "DetDigitaleLandkort", label: SOURCE_LABELS.LEGACY_LANDKORT },
  { code: "(tom)", label: SOURCE_LABELS.LEGACY_IMPORT },
];

/** The codes an upload's cells are checked against, in Danish, folded away until asked for. */
export function ValidCodes() {
  return (
    <details className="rounded-md border border-slate-300 bg-white p-4" data-testid="valid-codes">
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">Gyldige koder</summary>
      <p className="mt-2 text-slate-700">
        Koderne i kolonnerne kanal, type, afslutning og blanket. Store og små bogstaver er lige gode. Type, afslutning og blanket må
        være tomme. En kode, der ikke findes, afviser hele filen med linjenummeret og et forslag til den kode, der ligner mest.
      </p>
      <div className="mt-4 grid gap-4 lg:grid-cols-2">
        <CodeTable caption="Kanal (kolonnen kanal)" choices={CHANNEL_CHOICES} />
        <div className="space-y-4">
          <CodeTable caption="Henvendelsestype (kolonnen type)" choices={CONTACT_TYPE_CHOICES} />
          <CodeTable caption="Afslutning (kolonnen afslutning)" choices={CLOSURE_CHOICES} />
          <CodeTable caption="Blanket (kolonnen blanket)" choices={FORM_CHOICES} />
          <CodeTable caption="Datakilde (kun i gamle rå-eksporter)" choices={DATA_SOURCE_CHOICES} />
        </div>
      </div>
    </details>
  );
}

function CodeTable({ caption, choices }: { caption: string; choices: readonly CodeChoice[] }) {
  return (
    <Table caption={caption}>
      <thead>
        <tr>
          <Th>Kode</Th>
          <Th>Betydning</Th>
        </tr>
      </thead>
      <tbody>
        {choices.map((c) => (
          <tr key={c.code}>
            <Th scope="row" className="font-mono font-normal">
              {c.code}
            </Th>
            <Td>{c.label}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
