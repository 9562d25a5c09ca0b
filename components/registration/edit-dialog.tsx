"use client";

import { type FormEvent, useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Label, Select } from "@/components/ui/field";
import { FORM_OPTIONS, orderedChannels } from "./keys";
import {
  asksForm,
  choose,
  EMPTY_SELECTION,
  missingMessage,
  type Question,
  type Selection,
  type StepId,
  summarise,
  toCombination,
  type TodayRow,
} from "./model";
import { callJson } from "./sender";
import type { Registration } from "./use-registration";

/** Corrects one of today's own registrations (PATCH; the server audit-logs the change). */
export function EditDialog({ reg, row, onClose }: { reg: Registration; row: TodayRow | null; onClose: () => void }) {
  return (
    <Dialog open={row !== null} onClose={onClose} title="Ret registrering">
      {row ? <EditForm key={row.id} reg={reg} row={row} onClose={onClose} /> : null}
    </Dialog>
  );
}

function EditForm({ reg, row, onClose }: { reg: Registration; row: TodayRow; onClose: () => void }) {
  const { screen } = reg;
  const [value, setValue] = useState<Selection>({
    ...EMPTY_SELECTION,
    channelCode: row.channelCode,
    taskId: row.taskId,
    contactTypeCode: row.contactTypeCode,
    closureCode: row.closureCode,
    form: row.form,
    answers: Object.fromEntries(row.answers.map((a) => [a.questionId, a.optionId])),
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { channel: useId(), task: useId(), type: useId(), closure: useId(), form: useId() };
  const set = (step: StepId) => (e: { target: { value: string } }) => {
    const picked = e.target.value;
    setValue((v) => (step === "form" && picked === "" ? { ...v, form: null } : choose(screen, v, step, picked)));
  };
  const showForm = asksForm(screen, value.channelCode);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const missing: StepId[] = [];
    if (!value.taskId) missing.push("task");
    if (!value.contactTypeCode) missing.push("type");
    if (!value.closureCode) missing.push("closure");
    if (showForm && value.form === null) missing.push("form");
    for (const q of screen.questions) if (q.required && !value.answers[q.id]) missing.push(`q:${q.id}`);
    if (missing.length) {
      setError(missingMessage(screen, missing).replace(" før du gemmer.", " før du gemmer rettelsen."));
      return;
    }
    setBusy(true);
    const result = await callJson(`/api/registrations/${row.id}`, "PATCH", {
      channelCode: value.channelCode,
      taskId: value.taskId,
      contactTypeCode: value.contactTypeCode,
      closureCode: value.closureCode,
      form: showForm ? value.form : null,
      answers: Object.entries(value.answers)
        .filter(([, optionId]) => optionId)
        .map(([questionId, optionId]) => ({ questionId, optionId })),
    });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    await reg.refreshToday(); // the list (and a reopened dialog) must show the corrected row
    const combination = toCombination({ ...value, form: showForm ? value.form : null });
    reg.announce(`Rettelsen er gemt${combination ? `: ${summarise(screen, combination)}` : ""}.`);
    onClose();
  };

  const channels = orderedChannels(screen);
  return (
    <form onSubmit={submit} className="space-y-3">
      <div>
        <Label htmlFor={ids.channel}>Kanal</Label>
        <Select id={ids.channel} value={value.channelCode ?? ""} onChange={set("channel")}>
          {(["IN", "OUT"] as const).map((d) => (
            <optgroup key={d} label={d === "IN" ? "Ind" : "Ud"}>
              {channels
                .filter((c) => c.direction === d)
                .map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name} ({d === "IN" ? "ind" : "ud"})
                  </option>
                ))}
            </optgroup>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor={ids.task}>Opgave</Label>
        <Select id={ids.task} value={value.taskId ?? ""} onChange={set("task")}>
          <option value="">Vælg opgave</option>
          {screen.tasks.map((t) => (
            <option key={t.id} value={t.id}>
              {t.number === "FEJL" ? t.title : `${t.number} ${t.title}`}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor={ids.type}>Type</Label>
        <Select id={ids.type} value={value.contactTypeCode ?? ""} onChange={set("type")}>
          <option value="">Vælg type</option>
          {screen.contactTypes.map((t) => (
            <option key={t.code} value={t.code}>
              {t.label}
            </option>
          ))}
        </Select>
      </div>
      <div>
        <Label htmlFor={ids.closure}>Afslutning</Label>
        <Select id={ids.closure} value={value.closureCode ?? ""} onChange={set("closure")}>
          {screen.closures.map((c) => (
            <option key={c.code} value={c.code}>
              {c.label}
            </option>
          ))}
        </Select>
      </div>
      {showForm ? (
        <div>
          <Label htmlFor={ids.form}>Blanket</Label>
          <Select id={ids.form} value={value.form === null ? "" : String(value.form)} onChange={set("form")}>
            <option value="">Vælg</option>
            {FORM_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      {screen.questions.map((q) => (
        <QuestionSelect
          key={q.id}
          question={q}
          value={value.answers[q.id] ?? ""}
          onChange={(optionId) => setValue((v) => ({ ...v, answers: { ...v.answers, [q.id]: optionId } }))}
        />
      ))}
      <div role="alert">{error ? <p className="font-medium text-red-800">{error}</p> : null}</div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={busy}>
          Gem rettelse
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Annullér
        </Button>
      </div>
    </form>
  );
}

/** An extra question of the unit; optional ones can be left (or set back to) unanswered. */
function QuestionSelect({ question, value, onChange }: { question: Question; value: string; onChange: (optionId: string) => void }) {
  const id = useId();
  return (
    <div>
      <Label htmlFor={id}>{question.text}</Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{question.required ? "Vælg svar" : "Intet svar"}</option>
        {question.options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
