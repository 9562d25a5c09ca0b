import { Alert } from "@/components/ui/alert";
import { earlierImportText } from "@/lib/exchange/content-hash-text";
import type { ImportWeeks } from "@/lib/exchange/import-weeks";
import { describeImportWeeks, weekList } from "@/lib/exchange/import-weeks-text";
import type { UploadSummary } from "@/lib/exchange/upload-summary";

/** The preview's word on counting weeks: the weeks the data covers, rows outside, the rounds covering them. */
export function WeeksNotice({ weeks }: { weeks: ImportWeeks }) {
  if (!weeks.weeks.length) return null;
  const text = describeImportWeeks(weeks);
  if (!text.outside) return <p>{text.covers}</p>;
  return (
    <Alert tone="info" title={text.outside}>
      <p>{text.covers}</p>
      {text.rounds.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {text.uncovered ? <p>{text.uncovered}</p> : null}
    </Alert>
  );
}

/**
 * What the coordinator may choose after a preview, sent with "Indlæs": join the rounds that cover
 * rows outside the counting weeks (with the weeks the data covers), and import rows imported before.
 */
export function ImportChoices({ summary }: { summary: UploadSummary }) {
  const offers = (summary.weeks?.rounds ?? []).filter((r) => r.joinWeeks.length);
  if (!offers.length && !summary.earlierImport) return null;
  return (
    <fieldset className="space-y-2">
      <legend className="font-medium">Før indlæsning</legend>
      {offers.length ? (
        <label className="flex min-h-11 items-center gap-2">
          <input type="checkbox" name="tilmeldRunde" />
          {offers.map((r) => `Deltag i runden «${r.name}» med ${weekList(r.joinWeeks)}`).join("; ")}
        </label>
      ) : null}
      {summary.earlierImport ? (
        <>
          <Alert tone="error" title={earlierImportText(summary.earlierImport)} />
          <label className="flex min-h-11 items-center gap-2">
            <input type="checkbox" name="tilladDublet" /> Indlæs rækkerne igen, selv om de er indlæst før
          </label>
        </>
      ) : null}
    </fieldset>
  );
}
