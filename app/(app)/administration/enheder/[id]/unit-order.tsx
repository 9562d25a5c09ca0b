"use client";

import { startTransition, useActionState, useEffect, useRef } from "react";
import { ActionForm, type FormAction } from "@/components/forms/action-form";
import { Hidden, Hint } from "@/components/forms/fields";
import { FormStatus } from "@/components/forms/form-status";
import { Button } from "@/components/ui/button";
import { Kbd } from "@/components/ui/kbd";
import type { FormState } from "@/lib/actions/form-state";
import { choiceKeys, KEY_FEJL, sequenceCap } from "@/lib/registrations/keys";
import { moveChannelAction, moveTaskAction, sortByLastRoundAction } from "@/lib/units/setup-actions";

type Ids = { municipalityId: string; unitId: string };

interface Row {
  /** What the form sends: a task id or a channel code. */
  value: string;
  label: string;
  detail?: string;
}

/**
 * "Rækkefølge og taster": the order of the unit's channels and tasks, which gives their keys on the
 * registration screen (the same definition the screen uses, lib/registrations/keys.ts). Up and
 * down move one place; "Sortér efter sidste rundes brug" writes the order once. Nothing else
 * changes it: not the registrations, not a new round.
 */
export function UnitOrder({
  ids,
  tasks,
  channels,
  roundName,
}: {
  ids: Ids;
  tasks: { id: string; number: string; title: string }[];
  channels: { code: string; name: string; direction: "IN" | "OUT" }[];
  roundName: string | null;
}) {
  const ordinary = tasks.filter((t) => t.number !== "FEJL");
  const fejl = tasks.find((t) => t.number === "FEJL");
  return (
    <section aria-labelledby="raekkefoelge" className="mb-8 space-y-4">
      <h2 id="raekkefoelge" className="text-xl">
        Rækkefølge og taster
      </h2>
      <Hint>
        Registranterne vælger med tasterne 1–9 og derefter bogstaver, i den rækkefølge, der står her. Rækkefølgen ligger fast, til du ændrer
        den, så tasterne er de samme hele runden. Flyt helst ikke opgaver midt i en tælleuge.
      </Hint>
      <div className="grid gap-4 lg:grid-cols-2">
        <div className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h3 className="font-semibold">Kanaler</h3>
          {(["IN", "OUT"] as const).map((direction) => {
            const group = channels.filter((c) => c.direction === direction);
            if (!group.length) return null;
            const offset = direction === "OUT" ? channels.filter((c) => c.direction === "IN").length : 0;
            return (
              <OrderList
                key={direction}
                label={direction === "IN" ? "Kanaler ind" : "Kanaler ud"}
                caption={direction === "IN" ? "Ind" : "Ud"}
                action={moveChannelAction}
                ids={ids}
                offset={offset}
                total={channels.length}
                noun="kanalen"
                rows={group.map((c) => ({ value: c.code, label: `${c.name} ${direction === "IN" ? "ind" : "ud"}` }))}
              />
            );
          })}
          <SortForm ids={ids} what="channels" roundName={roundName} />
        </div>
        <div className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h3 className="font-semibold">Opgaver</h3>
          {ordinary.length ? (
            <OrderList
              label="Opgaver"
              action={moveTaskAction}
              ids={ids}
              offset={0}
              total={ordinary.length}
              noun="opgaven"
              rows={ordinary.map((t) => ({ value: t.id, label: t.title, detail: t.number }))}
            />
          ) : (
            <p>Enheden tæller ingen opgaver endnu.</p>
          )}
          {fejl ? (
            <p className="flex items-center gap-2 text-slate-800">
              <Kbd>{KEY_FEJL}</Kbd> Fejlhenvendelse har altid tasten {KEY_FEJL}.
            </p>
          ) : null}
          <SortForm ids={ids} what="tasks" roundName={roundName} />
        </div>
      </div>
    </section>
  );
}

function SortForm({ ids, what, roundName }: { ids: Ids; what: "tasks" | "channels"; roundName: string | null }) {
  return (
    <ActionForm
      action={sortByLastRoundAction as FormAction}
      submitLabel="Sortér efter sidste rundes brug"
      pendingLabel="Sorterer …"
      variant="secondary"
      label={what === "tasks" ? "Sortér opgaverne" : "Sortér kanalerne"}
      className="border-t border-slate-200 pt-3"
    >
      <Hidden values={{ ...ids, what }} />
      <p className="text-sm text-slate-700">
        {what === "tasks" ? "De mest brugte opgaver" : "De mest brugte kanaler"} kommer først, efter enhedens registreringer i
        {roundName ? ` ${roundName}` : " sidste afsluttede runde"}. Det sker én gang, når du trykker.
      </p>
    </ActionForm>
  );
}

function OrderList({
  label,
  action,
  ids,
  rows,
  offset,
  total,
  noun,
  caption,
}: {
  label: string;
  /** A visible heading for the list (Ind, Ud). */
  caption?: string;
  action: (prev: FormState, data: FormData) => Promise<FormState>;
  ids: Ids;
  rows: Row[];
  offset: number;
  total: number;
  noun: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  const keys = choiceKeys(total);
  const last = useRef<string | null>(null);
  const list = useRef<HTMLOListElement>(null);
  // After a move the page is rendered anew: focus goes back to the button that was pressed (or, at
  // the end of the list, to the row's other button), so the next press moves the same row again.
  useEffect(() => {
    const value = last.current;
    if (!value || !list.current) return;
    const [row, direction] = value.split(/:(?=up$|down$)/);
    const button =
      list.current.querySelector<HTMLButtonElement>(`button[value="${CSS.escape(value)}"]:not(:disabled)`) ??
      list.current.querySelector<HTMLButtonElement>(`button[value="${CSS.escape(`${row}:${direction === "up" ? "down" : "up"}`)}"]`);
    button?.focus();
  }, [state, rows]);
  return (
    <form
      aria-label={label}
      action={formAction}
      onSubmit={(event) => {
        event.preventDefault();
        const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
        last.current = submitter?.value ?? null;
        const data = new FormData(event.currentTarget, submitter);
        startTransition(() => formAction(data));
      }}
      className="space-y-2"
    >
      <Hidden values={ids} />
      {caption ? <p className="text-sm font-semibold uppercase tracking-wide text-slate-700">{caption}</p> : null}
      <ol ref={list} aria-label={label} className="divide-y divide-slate-200 rounded border border-slate-200" data-order-list={label}>
        {rows.map((row, i) => (
          <li key={row.value} className="flex flex-wrap items-center gap-2 px-2 py-1" data-order-row={row.value}>
            <Kbd className="whitespace-nowrap">{sequenceCap(keys[offset + i])}</Kbd>
            <span className="min-w-0 flex-1 [overflow-wrap:normal] [word-break:normal]">
              {row.detail ? <span className="mr-2 font-mono text-sm">{row.detail}</span> : null}
              {row.label}
              <span className="sr-only">, tast {sequenceCap(keys[offset + i])}</span>
            </span>
            <span className="flex gap-1">
              <Button
                type="submit"
                variant="secondary"
                name="move"
                value={`${row.value}:up`}
                disabled={i === 0 || pending}
                aria-label={`Flyt ${noun} ${row.detail ? `${row.detail} ` : ""}${row.label} op`}
                className="px-3"
              >
                <span aria-hidden="true">↑</span> Op
              </Button>
              <Button
                type="submit"
                variant="secondary"
                name="move"
                value={`${row.value}:down`}
                disabled={i === rows.length - 1 || pending}
                aria-label={`Flyt ${noun} ${row.detail ? `${row.detail} ` : ""}${row.label} ned`}
                className="px-3"
              >
                <span aria-hidden="true">↓</span> Ned
              </Button>
            </span>
          </li>
        ))}
      </ol>
      <FormStatus state={state} />
    </form>
  );
}
