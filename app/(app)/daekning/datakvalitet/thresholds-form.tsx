import { ActionForm } from "@/components/forms/action-form";
import { Input, Label } from "@/components/ui/field";
import { setQualityThresholdsAction } from "@/lib/quality/actions";
import { SETTABLE_SHARE_TEXTS } from "@/lib/quality/describe";
import { QUALITY_THRESHOLDS, SETTABLE_SHARES, type SettableShare } from "@/lib/quality/rules";

/** The coordinator's own thresholds for the share rules; an empty field is the method's default. */
export function ThresholdsForm({ municipalityId, own }: { municipalityId: string; own: Record<SettableShare, number | null> }) {
  return (
    <ActionForm action={setQualityThresholdsAction} submitLabel="Gem grænser" label="Grænser for fund">
      <input type="hidden" name="municipalityId" value={municipalityId} />
      <p className="text-slate-700">
        Grænserne i procent for reglerne om usædvanlige andele. Lad et felt stå tomt for at bruge standarden. Ændringen gælder alle
        kommunens runder og står i loggen.
      </p>
      {SETTABLE_SHARES.map((key) => {
        const standard = Math.round(QUALITY_THRESHOLDS[key] * 100);
        return (
          <div key={key} className="space-y-1">
            <Label htmlFor={`quality-${key}`}>{SETTABLE_SHARE_TEXTS[key].label} (%)</Label>
            <p id={`quality-${key}-help`} className="text-sm text-slate-700">
              {SETTABLE_SHARE_TEXTS[key].hint} Standard: {standard} %.
            </p>
            <Input
              id={`quality-${key}`}
              name={key}
              type="number"
              min={1}
              max={100}
              placeholder={String(standard)}
              defaultValue={own[key] ?? ""}
              aria-describedby={`quality-${key}-help`}
              className="w-32"
            />
          </div>
        );
      })}
    </ActionForm>
  );
}
