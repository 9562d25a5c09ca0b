"use client";

import { type FormEvent, type ReactNode, type SelectHTMLAttributes, startTransition, useActionState, useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label, Select } from "@/components/ui/field";
import { massRegistrationAction, type MassRegistrationState } from "@/lib/exchange/mass-actions";
import type { MassChoices, MassRegistrationForm as FormData_ } from "@/lib/exchange/mass-queries";
import type { MassField } from "@/lib/exchange/mass-registration";

interface Values extends MassChoices {
  when: "date" | "week";
  date: string;
  isoYear: string;
  isoWeek: string;
  quantity: string;
}

const radio = "inline-flex min-h-11 items-center gap-2 mr-6";

/**
 * The mass registration form. Controlled, so the choices stay after saving (only the quantity is
 * cleared) and the channel and task lists follow the chosen unit and direction. Submitted by hand
 * (not `<form action>`) so React does not reset it; every rule is checked on the server, and its
 * Danish message is shown at the field it concerns.
 */
export function MassRegistrationForm(props: {
  form: FormData_;
  last: MassChoices | null;
  today: string;
  thisWeek: { isoYear: number; isoWeek: number };
  maxQuantity: number;
}) {
  const { form, last } = props;
  const [v, setValues] = useState<Values>(() => ({
    unitId: last && form.units.some((u) => u.id === last.unitId) ? last.unitId : (form.units[0]?.id ?? ""),
    direction: last?.direction ?? "IN",
    channelCode: last?.channelCode ?? "",
    taskId: last?.taskId ?? "",
    contactTypeCode: last?.contactTypeCode ?? "",
    closureCode: last?.closureCode ?? "",
    form: last?.form ?? "",
    when: "date",
    date: props.today,
    isoYear: String(props.thisWeek.isoYear),
    isoWeek: String(props.thisWeek.isoWeek),
    quantity: "",
  }));
  const [state, dispatch, pending] = useActionState<MassRegistrationState, FormData>(async (prev, data) => {
    const next = await massRegistrationAction(prev, data);
    // Saved: keep the choices for the next count, but never the quantity (no double saving by accident).
    if (next.ok) setValues((values) => ({ ...values, quantity: "" }));
    return next;
  }, {});
  const unit = form.units.find((u) => u.id === v.unitId);
  const channels = form.channels.filter((c) => c.direction === v.direction && unit?.channels.includes(c.code));
  const tasks = (unit?.tasks ?? []).map((i) => form.tasks[i]);
  const channel = channels.find((c) => c.code === v.channelCode);
  // A choice the new unit or direction does not offer is dropped rather than sent and refused.
  const shown: Values = {
    ...v,
    channelCode: channel ? v.channelCode : "",
    taskId: tasks.some((t) => t.id === v.taskId) ? v.taskId : "",
    form: channel?.asksForm ? v.form : "",
  };
  const set = (field: keyof Values) => (value: string) => setValues((prev) => ({ ...prev, [field]: value }));

  useEffect(() => {
    const field = Object.keys(state.fieldErrors ?? {})[0];
    if (field) document.getElementById(`mass-${field}`)?.focus();
  }, [state]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  }

  const errorFor = (field: MassField) => state.fieldErrors?.[field];
  const control = (field: MassField) => ({
    id: `mass-${field}`,
    name: field,
    value: shown[field as keyof Values],
    onChange: (e: { target: { value: string } }) => set(field as keyof Values)(e.target.value),
    "aria-invalid": errorFor(field) ? true : undefined,
    "aria-describedby": errorFor(field) ? `mass-${field}-error` : undefined,
  });

  return (
    <form onSubmit={onSubmit} noValidate className="max-w-2xl space-y-5" data-form="mass-registration">
      <Field field="unitId" label="Enhed" error={errorFor("unitId")}>
        <Select {...control("unitId")} required>
          {form.units.map((u) => (
            <option key={u.id} value={u.id}>
              {u.label}
            </option>
          ))}
        </Select>
        {unit?.testMode ? <p className="mt-1 text-sm">Enheden er i prøvetælling: registreringen gemmes som test.</p> : null}
      </Field>
      <Choices
        field="direction"
        legend="Retning"
        error={errorFor("direction")}
        value={shown.direction}
        onChange={set("direction")}
        options={[
          ["IN", "Ind (borgeren henvender sig)"],
          ["OUT", "Ud (kommunen henvender sig)"],
        ]}
      />
      <Field field="channelCode" label="Kanal" error={errorFor("channelCode")}>
        <OptionSelect control={control("channelCode")} placeholder="Vælg kanal" options={channels.map((c) => [c.code, c.name])} />
      </Field>
      <Field field="taskId" label="Opgave" error={errorFor("taskId")}>
        <OptionSelect control={control("taskId")} placeholder="Vælg opgave" options={tasks.map((t) => [t.id, `${t.number} ${t.title}`])} />
      </Field>
      <Field field="contactTypeCode" label="Type" error={errorFor("contactTypeCode")}>
        <OptionSelect
          control={control("contactTypeCode")}
          placeholder="Vælg type"
          options={form.contactTypes.map((t) => [t.code, t.label])}
        />
      </Field>
      <Field field="closureCode" label="Afslutning" error={errorFor("closureCode")}>
        <OptionSelect
          control={control("closureCode")}
          placeholder="Vælg afslutning"
          options={form.closures.map((c) => [c.code, c.label])}
        />
      </Field>
      {channel?.asksForm ? (
        <Choices
          field="form"
          legend="Blanket"
          error={errorFor("form")}
          value={shown.form}
          onChange={set("form")}
          options={[
            ["ja", "Ja, med blanket"],
            ["nej", "Nej, uden blanket"],
          ]}
        />
      ) : null}
      <Choices
        field="when"
        legend="Hvornår"
        error={errorFor("when")}
        value={shown.when}
        onChange={set("when")}
        options={[
          ["date", "En dato"],
          ["week", "En hel uge"],
        ]}
      />
      {shown.when === "date" ? (
        <Field field="date" label="Dato" error={errorFor("date")}>
          <Input {...control("date")} type="date" min="2010-01-01" max={props.today} required className="sm:w-56" />
        </Field>
      ) : (
        <div className="flex flex-wrap gap-4">
          <Field field="isoYear" label="År" error={errorFor("isoYear")}>
            <Input {...control("isoYear")} type="number" inputMode="numeric" min={2010} required className="w-32" />
          </Field>
          <Field field="isoWeek" label="Uge" error={errorFor("isoWeek")}>
            <Input {...control("isoWeek")} type="number" inputMode="numeric" min={1} max={53} required className="w-32" />
          </Field>
          <p className="basis-full text-sm text-slate-700">Gemmes på ugens mandag kl. 12.</p>
        </div>
      )}
      <Field field="quantity" label="Antal henvendelser" error={errorFor("quantity")}>
        <Input {...control("quantity")} type="number" inputMode="numeric" min={1} max={props.maxQuantity} required className="sm:w-56" />
        <p className="mt-1 text-sm text-slate-700">Et helt tal fra 1 til {props.maxQuantity.toLocaleString("da-DK")}.</p>
      </Field>
      <Button type="submit" disabled={pending}>
        Gem masseregistrering
      </Button>
      <div role="status" aria-live="polite">
        {state.ok ? <Alert tone="success" title={state.ok} /> : null}
        {state.error ? <Alert tone="error" title={`Intet er gemt: ${state.error}`} /> : null}
      </div>
    </form>
  );
}

/** A required select with an empty first choice that asks the user to pick. */
function OptionSelect({
  control,
  placeholder,
  options,
}: {
  control: SelectHTMLAttributes<HTMLSelectElement>;
  placeholder: string;
  options: string[][];
}) {
  return (
    <Select {...control} required>
      <option value="">{placeholder}</option>
      {options.map(([value, label]) => (
        <option key={value} value={value}>
          {label}
        </option>
      ))}
    </Select>
  );
}

function Field({ field, label, error, children }: { field: MassField; label: string; error?: string; children: ReactNode }) {
  return (
    <div>
      <Label htmlFor={`mass-${field}`}>{label}</Label>
      {children}
      <FieldError id={`mass-${field}-error`}>{error}</FieldError>
    </div>
  );
}

/** A group of radio buttons; the error is tied to the group and its first button takes focus. */
function Choices(props: {
  field: MassField;
  legend: string;
  error?: string;
  value: string;
  onChange: (value: string) => void;
  options: [string, string][];
}) {
  const errorId = `mass-${props.field}-error`;
  return (
    <fieldset aria-describedby={props.error ? errorId : undefined}>
      <legend className="font-medium">{props.legend}</legend>
      {props.options.map(([value, label], i) => (
        <label key={value} className={radio}>
          <input
            type="radio"
            id={i === 0 ? `mass-${props.field}` : undefined}
            name={props.field}
            value={value}
            checked={props.value === value}
            onChange={() => props.onChange(value)}
            required
          />
          {label}
        </label>
      ))}
      <FieldError id={errorId}>{props.error}</FieldError>
    </fieldset>
  );
}
