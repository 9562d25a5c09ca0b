import { saveChannelsAction } from "@/lib/units/setup-actions";
import { DEFAULT_CHANNELS, UNIT_KIND_LABELS } from "@/lib/units/default-channels";
import type { UnitDetail } from "@/lib/units/page-queries";
import { Button } from "@/components/ui/button";
import { ActionForm } from "@/components/forms/action-form";
import { Check, Fieldset, Hidden, Hint } from "@/components/forms/fields";

interface Channel {
  code: string;
  name: string;
  direction: "IN" | "OUT";
  selfService: boolean;
  asksForm: boolean;
}

function note(c: Channel): string {
  return [c.selfService ? "selvbetjening" : "", c.asksForm ? "spørger om blanket" : ""].filter(Boolean).join(" · ");
}

export function UnitChannels({
  unit,
  ids,
  readOnly,
  channels,
}: {
  unit: UnitDetail;
  ids: { municipalityId: string; unitId: string };
  readOnly: boolean;
  channels: Channel[];
}) {
  const chosen = new Set(unit.channelCodes);
  const defaults = new Set(DEFAULT_CHANNELS[unit.kind]);
  const group = (direction: "IN" | "OUT") => channels.filter((c) => c.direction === direction);
  const legend = { IN: "Henvendelser ind", OUT: "Henvendelser ud" } as const;
  return (
    <section aria-labelledby="kanaler" className="mb-8 space-y-3">
      <h2 id="kanaler" className="text-xl">
        Kanaler ({unit.channelCodes.length})
      </h2>
      <Hint>
        Registranterne i enheden ser kun de valgte kanaler. Standard for {UNIT_KIND_LABELS[unit.kind].toLowerCase()} er markeret med
        &nbsp;«standard».
      </Hint>
      {readOnly ? (
        <div className="grid gap-4 md:grid-cols-2">
          {(["IN", "OUT"] as const).map((d) => (
            <div key={d} className="rounded-md border border-slate-300 bg-white p-4">
              <h3 className="font-semibold">{legend[d]}</h3>
              <ul className="mt-2 list-disc pl-5">
                {group(d)
                  .filter((c) => chosen.has(c.code))
                  .map((c) => (
                    <li key={c.code}>{c.name}</li>
                  ))}
              </ul>
            </div>
          ))}
        </div>
      ) : (
        <ActionForm
          action={saveChannelsAction}
          submitLabel="Gem kanaler"
          label="Kanaler"
          extraButtons={
            <Button type="submit" name="intent" value="defaults" variant="secondary">
              Brug standard for typen
            </Button>
          }
        >
          <Hidden values={ids} />
          <div className="grid gap-4 md:grid-cols-2">
            {(["IN", "OUT"] as const).map((d) => (
              <Fieldset key={d} legend={legend[d]}>
                {group(d).map((c) => (
                  <Check
                    key={c.code}
                    name="channel"
                    value={c.code}
                    defaultChecked={chosen.has(c.code)}
                    label={
                      <>
                        {c.name} <span className="font-mono text-xs text-slate-700">{c.code}</span>
                        {defaults.has(c.code) ? <span className="ml-2 text-sm text-slate-700">«standard»</span> : null}
                      </>
                    }
                    hint={note(c) || undefined}
                  />
                ))}
              </Fieldset>
            ))}
          </div>
        </ActionForm>
      )}
    </section>
  );
}
