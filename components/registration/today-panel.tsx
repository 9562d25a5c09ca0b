"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formatNumber } from "@/lib/format";
import { EditDialog } from "./edit-dialog";
import { closureLabel, rowTaskTitle, type TodayRow, typeLabel } from "./model";
import { callJson } from "./sender";
import { duration } from "./timer";
import type { Registration } from "./use-registration";

const timeFormat = new Intl.DateTimeFormat("da-DK", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/Copenhagen" });
const time = (iso: string) => timeFormat.format(new Date(iso));

function Tag({ children, tone = "neutral" }: { children: string; tone?: "neutral" | "warning" }) {
  const colours = tone === "warning" ? "border-amber-700 bg-amber-50 text-amber-900" : "border-slate-400 bg-slate-100 text-slate-800";
  return <span className={`inline-block rounded border px-1.5 py-0.5 text-xs font-medium ${colours}`}>{children}</span>;
}

/** Today's counts and the registrant's own registrations today, each correctable until midnight. */
export function TodayPanel({ reg }: { reg: Registration }) {
  const { today, screen } = reg;
  // Waiting in the outbox and not (yet) in the server's list: counted, and marked as waiting.
  const pending = reg.pending.filter((p) => p.waiting && p.unitId === screen.unit.id && !today.own.some((r) => r.id === p.id));
  const [editing, setEditing] = useState<TodayRow | null>(null);
  const [deleting, setDeleting] = useState<TodayRow | null>(null);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const listHeading = useRef<HTMLHeadingElement>(null);

  const confirmDelete = async () => {
    if (!deleting) return;
    const result = await callJson(`/api/registrations/${deleting.id}?reason=delete`, "DELETE");
    if (!result.ok) return setDeleteError(result.error);
    reg.removeRow(deleting.id);
    setDeleting(null);
    // The button that opened the dialog is gone with its row; continue from the list's heading.
    window.setTimeout(() => listHeading.current?.focus(), 0);
  };

  return (
    <section aria-labelledby="today-heading" className="space-y-3">
      <h2 id="today-heading" className="text-xl">
        I dag
      </h2>
      <dl className="grid grid-cols-2 gap-2" data-today-counts="">
        <div className="rounded-md border border-slate-300 bg-white p-3">
          <dt className="text-sm text-slate-700">Dine registreringer</dt>
          <dd className="text-3xl font-semibold tabular-nums" data-own-count="">
            {formatNumber(today.ownCount + pending.length)}
          </dd>
          {pending.length ? <dd className="text-sm text-amber-900">heraf {formatNumber(pending.length)} venter på forbindelse</dd> : null}
        </div>
        <div className="rounded-md border border-slate-300 bg-white p-3">
          <dt className="text-sm text-slate-700">Hele enheden</dt>
          <dd className="text-3xl font-semibold tabular-nums" data-unit-count="">
            {formatNumber(today.unitCount + pending.length)}
          </dd>
          {pending.length ? <dd className="text-sm text-amber-900">heraf {formatNumber(pending.length)} venter på forbindelse</dd> : null}
        </div>
      </dl>
      {pending.length ? (
        <p className="rounded-md border-l-4 border-amber-700 bg-amber-50 px-3 py-2" data-pending-count={pending.length}>
          <strong>{pending.length === 1 ? "1 registrering afventer" : `${pending.length} registreringer afventer`} afsendelse.</strong> De
          er gemt på denne computer og sendes automatisk, når forbindelsen er tilbage.
        </p>
      ) : null}
      <h3 ref={listHeading} tabIndex={-1} className="text-lg">
        Dine registreringer i dag
      </h3>
      {today.own.length === 0 && pending.length === 0 ? (
        <p className="text-slate-700">Ingen endnu.</p>
      ) : (
        <ul
          className="max-h-[32rem] divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-300 bg-white"
          aria-label="Dine registreringer i dag"
        >
          {pending.map((p) => (
            <li key={p.id} data-registration-id={p.id} data-pending="" className="px-3 py-2">
              <p>
                <span className="font-mono text-sm">{time(p.payload.occurredAt)}</span> {p.summary}
              </p>
              <Tag tone="warning">Afventer afsendelse</Tag>
            </li>
          ))}
          {today.own.map((row) => (
            <li key={row.id} data-registration-id={row.id} className="space-y-1 px-3 py-2">
              <p>
                <span className="font-mono text-sm">{time(row.occurredAt)}</span>{" "}
                <span className="font-medium">
                  {row.channel.name} {row.channel.direction === "IN" ? "ind" : "ud"}
                </span>{" "}
                · {row.task.number === "FEJL" ? "" : `${row.task.number} `}
                {rowTaskTitle(screen, row)}
              </p>
              <p className="text-sm text-slate-700">
                {typeLabel(screen, row.contactTypeCode)} · {closureLabel(screen, row.closureCode)}
                {row.form === null ? "" : row.form ? " · Blanket" : " · Ingen blanket"}
              </p>
              <div className="flex flex-wrap items-center gap-2">
                {row.isTest ? <Tag>Prøvetælling</Tag> : null}
                {row.startedAt && row.endedAt ? <Tag>{`Tid ${duration(Date.parse(row.startedAt), Date.parse(row.endedAt))}`}</Tag> : null}
                {!row.inCountingWeek ? <Tag tone="warning">Uden for tælleugerne</Tag> : null}
                <span className="ml-auto flex gap-2">
                  <Button
                    variant="secondary"
                    onClick={() => setEditing(row)}
                    aria-label={`Ret registreringen kl. ${time(row.occurredAt)}, ${rowTaskTitle(screen, row)}`}
                  >
                    Ret
                  </Button>
                  <Button
                    variant="secondary"
                    onClick={() => {
                      setDeleteError(null);
                      setDeleting(row);
                    }}
                    aria-label={`Slet registreringen kl. ${time(row.occurredAt)}, ${rowTaskTitle(screen, row)}`}
                  >
                    Slet
                  </Button>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <EditDialog reg={reg} row={editing} onClose={() => setEditing(null)} />
      <Dialog open={deleting !== null} onClose={() => setDeleting(null)} title="Slet registreringen?">
        {deleting ? (
          <p>
            Kl. {time(deleting.occurredAt)}: {deleting.channel.name} {deleting.channel.direction === "IN" ? "ind" : "ud"} ·{" "}
            {rowTaskTitle(screen, deleting)}. Sletningen logges.
          </p>
        ) : null}
        <div role="alert">{deleteError ? <p className="font-medium text-red-800">{deleteError}</p> : null}</div>
        <div className="flex flex-wrap gap-2">
          <Button onClick={() => void confirmDelete()}>Slet registrering</Button>
          <Button variant="secondary" onClick={() => setDeleting(null)}>
            Annullér
          </Button>
        </div>
      </Dialog>
    </section>
  );
}
