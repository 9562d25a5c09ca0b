"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useRef, useState } from "react";
import { postForm } from "@/components/post-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import type { UploadState } from "@/lib/exchange/upload-endpoint";
import { questionHeading } from "@/lib/exchange/upload-summary";
import { ImportChoices, WeeksNotice } from "./upload-choices";

/**
 * Upload with preview. The file is posted with fetch to the upload routes (app/api/uploads), which
 * read it as it streams; the chosen file stays selected after the preview, and "Indlæs" sends the
 * same file again.
 */
export function UploadForm({ municipalities }: { municipalities: { number: number; name: string }[] }) {
  const router = useRouter();
  const [state, setState] = useState<UploadState>({});
  const [pending, setPending] = useState(false);
  const sent = useRef(0);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const form = new FormData(event.currentTarget);
    const intent = submitter?.value === "import" ? "import" : "preview";
    const query = new URLSearchParams({
      type: form.get("type") === "legacy" ? "legacy" : "csv",
      opretEnheder: form.get("opretEnheder") === "on" ? "1" : "0",
      tilmeldRunde: form.get("tilmeldRunde") === "on" ? "1" : "0",
      tilladDublet: form.get("tilladDublet") === "on" ? "1" : "0",
    });
    const timed = form.getAll("tidsmaaling").filter((v): v is string => typeof v === "string" && v !== "");
    if (timed.length) query.set("tidsmaaling", timed.join(","));
    const kommune = form.get("kommune");
    if (typeof kommune === "string" && kommune) query.set("kommune", kommune);
    const file = form.get("fil");
    if (!(file instanceof File) || file.size === 0) {
      setState({ status: "invalid", message: "Vælg en fil." });
      return;
    }
    const body = new FormData();
    body.set("fil", file);
    const id = ++sent.current;
    setPending(true);
    try {
      const answer = await postForm<UploadState>(`/api/uploads${intent === "preview" ? "/preview" : ""}?${query}`, body);
      if (id !== sent.current) return;
      const result: UploadState = answer.body.status ? answer.body : { status: "invalid", message: answer.body.error ?? "Filen kunne ikke indlæses." };
      setState(result);
      if (result.status === "imported") router.refresh();
    } finally {
      if (id === sent.current) setPending(false);
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" aria-describedby="upload-help" data-form="upload">
      <p id="upload-help" className="text-slate-700">
        CSV i Spors skabelon eller TraceTools gamle upload-skabelon (UTF-8 eller Windows-1252, ; eller ,), højst 20 MB og
        200.000 rækker — eller en rå-eksport fra Det Digitale Landkort. Alle rækker kontrolleres, før noget gemmes.{" "}
        <a href="/api/exports/upload-template">Hent eksempelfil</a>.
      </p>
      {municipalities.length > 1 ? (
        <div>
          <Label htmlFor="upload-kommune">Kommune</Label>
          <Select id="upload-kommune" name="kommune" required>
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
      <fieldset>
        <legend className="font-medium">Filtype</legend>
        <label className="mr-6 inline-flex min-h-11 items-center gap-2">
          <input type="radio" name="type" value="csv" defaultChecked /> Upload (CSV-skabelon)
        </label>
        <label className="inline-flex min-h-11 items-center gap-2">
          <input type="radio" name="type" value="legacy" /> Rå-eksport fra TraceTool / Det Digitale Landkort
        </label>
      </fieldset>
      <label className="inline-flex min-h-11 items-center gap-2">
        <input type="checkbox" name="opretEnheder" /> Opret enheder, der ikke findes (gamle TraceTool-logins)
      </label>
      <div>
        <Label htmlFor="upload-fil">Fil</Label>
        {/* Another file: the preview (and the choices it offered) no longer applies. */}
        <Input id="upload-fil" name="fil" type="file" accept=".csv,.txt,text/csv" required onChange={() => setState((s) => (s.status ? {} : s))} />
      </div>
      {state.summary && state.status !== "imported" ? <ImportChoices summary={state.summary} /> : null}
      <div className="flex flex-wrap gap-3">
        <Button type="submit" name="intent" value="preview" variant="secondary" disabled={pending}>
          Forhåndsvis
        </Button>
        <Button type="submit" name="intent" value="import" disabled={pending}>
          Indlæs
        </Button>
      </div>
      <div aria-live="polite" aria-busy={pending}>
        {pending ? <p className="text-slate-700">Filen sendes og kontrolleres …</p> : state.status ? <UploadResult state={state} /> : null}
      </div>
    </form>
  );
}

function UploadResult({ state }: { state: UploadState }) {
  const tone = state.status === "invalid" ? "error" : state.status === "imported" ? "success" : "info";
  return (
    <div className="space-y-3">
      <Alert tone={tone} title={state.message ?? (state.status === "preview" ? "Forhåndsvisning: intet er gemt endnu." : "")} />
      {state.errors?.length ? (
        <ul className="max-h-72 list-disc overflow-auto pl-6" aria-label="Fejl i filen">
          {state.errors.map((e) => (
            <li key={`${e.line}-${e.message}`}>
              Linje {e.line}: {e.message}
            </li>
          ))}
        </ul>
      ) : null}
      {state.summary?.weeks ? <WeeksNotice weeks={state.summary.weeks} /> : null}
      {state.summary && state.status !== "invalid" ? (
        <div className="grid gap-4 md:grid-cols-3">
          <SummaryList title="Pr. enhed" items={state.summary.byUnit.map((u) => [u.name, u.quantity])} />
          <SummaryList title="Pr. kanal" items={state.summary.byChannel.map((c) => [c.code, c.quantity])} />
          <SummaryList title="Pr. datakilde" items={state.summary.bySource.map((s) => [s.source, s.quantity])} />
          {state.summary.newUnits.length ? (
            <p className="md:col-span-3">Enheder, der oprettes: {state.summary.newUnits.join(", ")}</p>
          ) : null}
          {state.summary.newTaskNumbers.length ? (
            <p className="md:col-span-3">
              Opgavenumre, som ikke findes i Spor og oprettes som de står: {state.summary.newTaskNumbers.join(", ")}
            </p>
          ) : null}
          {state.summary.timedUnits?.length ? <TimedUnits units={state.summary.timedUnits} /> : null}
          {state.summary.questions?.map((q) => (
            <SummaryList
              key={q.text}
              title={questionHeading(q)}
              items={q.options.map((o) => [o.isNew ? `${o.label} (ny svarmulighed)` : o.label, o.answers])}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}

/**
 * TraceTool stored a start and an end on every row (the time its form was open), so only the units
 * the coordinator ticks here count in Tidsforbrug; by default none does. Ticked boxes travel with
 * "Indlæs" (and a new preview).
 */
function TimedUnits({ units }: { units: NonNullable<NonNullable<UploadState["summary"]>["timedUnits"]> }) {
  return (
    <fieldset className="md:col-span-3" aria-describedby="timed-help">
      <legend className="font-semibold">Enheder, der målte tid</legend>
      <p id="timed-help" className="text-sm text-slate-700">
        Filen har start- og sluttid. TraceTool gemte dem på hver række (den tid, skemaet var åbent), så de tæller kun i
        Tidsforbrug for enheder, der faktisk målte tid. Sæt kun flueben ved dem.
      </p>
      {units.map((u) => (
        <label key={u.login} className="mr-6 inline-flex min-h-11 items-center gap-2">
          <input type="checkbox" name="tidsmaaling" value={u.login} defaultChecked={u.measured} /> {u.login} ({u.rows.toLocaleString("da-DK")} rækker)
        </label>
      ))}
    </fieldset>
  );
}

function SummaryList({ title, items }: { title: string; items: [string, number][] }) {
  return (
    <div>
      <h3 className="font-semibold">{title}</h3>
      <ul>
        {items.map(([label, n]) => (
          <li key={label}>
            {label}: {n.toLocaleString("da-DK")}
          </li>
        ))}
      </ul>
    </div>
  );
}
