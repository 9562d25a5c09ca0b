"use client";

import { type FormEvent, type KeyboardEvent, startTransition, useActionState, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { FieldError, Input, Label, Select } from "@/components/ui/field";
import { paperSheetAction, type PaperSheetState } from "@/lib/exchange/paper-sheet-actions";
import {
  cellField,
  cellName,
  DEFAULT_CLOSURE_FIELD,
  DEFAULT_TYPE_FIELD,
  PAPER_CELL_MAX,
  readSheet,
  rowClosureField,
  rowTypeField,
  type SheetLayout,
  type SheetProblem,
  type SheetRow,
  sheetSummary,
  sheetTotals,
} from "@/lib/exchange/paper-sheet";

type Code = { code: string; label: string };

const radio = "inline-flex min-h-11 items-center gap-2 mr-6";
const cellBorder = "border border-slate-400";
/** A DOM id from a field name (field names hold colons). */
const idOf = (field: string) => `sheet-${field.replace(/[^A-Za-z0-9-]/g, "_")}`;

/**
 * "Indtast skema": a grid with exactly the tally sheet's layout (tasks in rows, the channels staff
 * handle in columns, type and closure per row when the sheet has them). Tab moves from cell to cell,
 * Enter to the next row's first cell (the rest of the row stays empty, which is 0); only digits are
 * taken. Row and column totals follow the typing. Saving checks every cell first and names each wrong
 * one; then a confirmation shows what will be created, and the sheet is saved as one batch.
 */
export function PaperSheetGrid(props: {
  unit: {
    id: string;
    name: string;
    testMode: boolean;
    layout: SheetLayout;
    defaults: { contactTypeCode: string | null; closureCode: string | null };
  };
  contactTypes: Code[];
  closures: Code[];
  today: string;
  thisWeek: { isoYear: number; isoWeek: number };
}) {
  const { unit, contactTypes, closures } = props;
  const { layout } = unit;
  const initial = () => ({
    when: "week",
    date: props.today,
    isoYear: String(props.thisWeek.isoYear),
    isoWeek: String(props.thisWeek.isoWeek),
    [DEFAULT_TYPE_FIELD]: unit.defaults.contactTypeCode ?? "",
    [DEFAULT_CLOSURE_FIELD]: unit.defaults.closureCode ?? "",
  });
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [problems, setProblems] = useState<SheetProblem[]>([]);
  const [confirm, setConfirm] = useState<SheetRow[] | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [state, dispatch, pending] = useActionState<PaperSheetState, FormData>(async (prev, data) => {
    const next = await paperSheetAction(prev, data);
    // Saved: an empty sheet for the next one, with the same date or week and defaults.
    if (next.ok)
      setValues((v) =>
        Object.fromEntries(Object.entries(v).filter(([k]) => !k.startsWith("n:") && !k.startsWith("type:") && !k.startsWith("closure:"))),
      );
    return next;
  }, {});

  const set = (field: string, value: string) => setValues((v) => ({ ...v, [field]: value }));
  const errors: Record<string, string | undefined> = {
    ...(state.fieldErrors ?? {}),
    ...Object.fromEntries(problems.map((p) => [p.field, p.message])),
  };
  const totals = sheetTotals(layout, values);
  const inbound = layout.channels.filter((c) => c.direction === "IN");
  const outbound = layout.channels.filter((c) => c.direction === "OUT");
  const columns = [...inbound, ...outbound];

  function onCellKey(event: KeyboardEvent<HTMLInputElement>, row: number) {
    if (event.key === "Enter") {
      event.preventDefault();
      const nextTask = layout.tasks[row + 1];
      const target = nextTask
        ? document.getElementById(idOf(cellField(nextTask.id, columns[0].code)))
        : document.getElementById("sheet-save");
      target?.focus();
      return;
    }
    // Numbers only: a letter or sign typed into a cell is not taken (pasted text is checked on saving).
    if (event.key.length === 1 && !/\d/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) event.preventDefault();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readSheet(layout, values);
    setProblems(read.problems);
    if (read.problems.length) {
      const first = read.problems.find((p) => p.field)?.field;
      if (first) document.getElementById(idOf(first))?.focus();
      return;
    }
    setConfirm(read.rows);
  }

  function save() {
    const form = formRef.current;
    setConfirm(null);
    if (form) startTransition(() => dispatch(new FormData(form)));
  }

  const control = (field: string) => ({
    id: idOf(field),
    name: field,
    value: values[field] ?? "",
    onChange: (e: { target: { value: string } }) => set(field, e.target.value),
    "aria-invalid": errors[field] ? true : undefined,
    "aria-describedby": errors[field] ? `${idOf(field)}-error` : undefined,
  });
  const typeLabel = (code: string) => contactTypes.find((t) => t.code === code)?.label ?? (code === "FEJL" ? "Fejlhenvendelse" : code);
  const closureLabel = (code: string) => closures.find((c) => c.code === code)?.label ?? code;
  const when =
    values.when === "date" ? `den ${props.today === values.date ? "i dag" : values.date}` : `uge ${values.isoWeek} ${values.isoYear}`;
  const shownProblems = problems.length ? problems.map((p) => p.message) : [];

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" data-form="paper-sheet" aria-label="Indtast skema">
      <input type="hidden" name="unitId" value={unit.id} />
      <input type="hidden" name="withTypes" value={layout.withTypes ? "1" : ""} />
      {unit.testMode ? <p>Enheden er i prøvetælling: skemaet gemmes som test.</p> : null}
      <div className="flex flex-wrap items-start gap-x-8 gap-y-4">
        <fieldset>
          <legend className="font-medium">Skemaet gælder</legend>
          {(
            [
              ["week", "En hel uge"],
              ["date", "En dato"],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className={radio}>
              <input type="radio" name="when" value={value} checked={values.when === value} onChange={() => set("when", value)} />
              {label}
            </label>
          ))}
        </fieldset>
        {values.when === "date" ? (
          <div>
            <Label htmlFor={idOf("date")}>Dato</Label>
            <Input {...control("date")} type="date" min="2010-01-01" max={props.today} className="sm:w-56" />
            <FieldError id={`${idOf("date")}-error`}>{errors.date}</FieldError>
          </div>
        ) : (
          <div className="flex gap-3">
            <div>
              <Label htmlFor={idOf("isoYear")}>År</Label>
              <Input {...control("isoYear")} inputMode="numeric" className="w-24" />
              <FieldError id={`${idOf("isoYear")}-error`}>{errors.isoYear}</FieldError>
            </div>
            <div>
              <Label htmlFor={idOf("isoWeek")}>Uge</Label>
              <Input {...control("isoWeek")} inputMode="numeric" className="w-20" />
              <FieldError id={`${idOf("isoWeek")}-error`}>{errors.isoWeek}</FieldError>
            </div>
          </div>
        )}
        <div>
          <Label htmlFor={idOf(DEFAULT_TYPE_FIELD)}>Type, hvor skemaet ingen har</Label>
          <Select {...control(DEFAULT_TYPE_FIELD)} className="sm:w-72">
            <option value="">Vælg type</option>
            {contactTypes.map((t) => (
              <option key={t.code} value={t.code}>
                {t.label}
              </option>
            ))}
          </Select>
          <FieldError id={`${idOf(DEFAULT_TYPE_FIELD)}-error`}>{errors[DEFAULT_TYPE_FIELD]}</FieldError>
        </div>
        <div>
          <Label htmlFor={idOf(DEFAULT_CLOSURE_FIELD)}>Afslutning, hvor skemaet ingen har</Label>
          <Select {...control(DEFAULT_CLOSURE_FIELD)} className="sm:w-72">
            <option value="">Vælg afslutning</option>
            {closures.map((c) => (
              <option key={c.code} value={c.code}>
                {c.label}
              </option>
            ))}
          </Select>
          <FieldError id={`${idOf(DEFAULT_CLOSURE_FIELD)}-error`}>{errors[DEFAULT_CLOSURE_FIELD]}</FieldError>
        </div>
      </div>
      <p className="text-sm text-slate-700">
        Skriv antallet i hvert felt; tomme felter er 0. Tab flytter til næste felt, Enter til næste rækkes første felt. Højst{" "}
        {PAPER_CELL_MAX.toLocaleString("da-DK")} pr. felt.
      </p>
      <div className="max-w-full overflow-x-auto">
        <table className="paper-grid border-collapse text-sm">
          <caption className="sr-only">Skemaets felter: opgaver i rækker, kanaler i kolonner, med totaler</caption>
          <thead>
            <tr>
              <td className={cellBorder} />
              {inbound.length ? (
                <th scope="colgroup" colSpan={inbound.length} className={`${cellBorder} bg-slate-100 px-2`}>
                  Ind
                </th>
              ) : null}
              {outbound.length ? (
                <th scope="colgroup" colSpan={outbound.length} className={`${cellBorder} bg-slate-100 px-2`}>
                  Ud
                </th>
              ) : null}
              <td className={cellBorder} colSpan={layout.withTypes ? 3 : 1} />
            </tr>
            <tr>
              <th scope="col" className={`${cellBorder} px-2 text-left`}>
                Opgave
              </th>
              {columns.map((c) => (
                <th key={c.code} scope="col" className={`${cellBorder} px-1 align-bottom font-semibold`}>
                  {c.name}
                </th>
              ))}
              {layout.withTypes ? (
                <>
                  <th scope="col" className={`${cellBorder} px-1 align-bottom`}>
                    Type
                  </th>
                  <th scope="col" className={`${cellBorder} px-1 align-bottom`}>
                    Afslutning
                  </th>
                </>
              ) : null}
              <th scope="col" className={`${cellBorder} px-2 align-bottom`}>
                I alt
              </th>
            </tr>
          </thead>
          <tbody>
            {layout.tasks.map((t, row) => (
              <tr key={t.id}>
                <th scope="row" className={`${cellBorder} px-2 text-left font-normal`}>
                  {t.number === "FEJL" ? null : <span className="mr-1 font-mono">{t.number}</span>} {t.title}
                </th>
                {columns.map((c) => {
                  const field = cellField(t.id, c.code);
                  return (
                    <td key={c.code} className={`${cellBorder} p-0.5`}>
                      <input
                        {...control(field)}
                        aria-label={cellName(t, c)}
                        aria-describedby={undefined}
                        title={errors[field]}
                        inputMode="numeric"
                        autoComplete="off"
                        onKeyDown={(e) => onCellKey(e, row)}
                        className="block min-h-11 w-16 rounded border border-slate-500 bg-white px-2 text-right tabular-nums aria-[invalid=true]:border-red-700 aria-[invalid=true]:ring-2 aria-[invalid=true]:ring-red-700"
                      />
                    </td>
                  );
                })}
                {layout.withTypes ? (
                  <>
                    <td className={`${cellBorder} p-0.5`}>
                      {t.number === "FEJL" ? (
                        <span className="px-2">Fejlhenvendelse</span>
                      ) : (
                        <select
                          {...control(rowTypeField(t.id))}
                          aria-label={`Type for ${t.title}`}
                          className="min-h-11 rounded border border-slate-500 bg-white px-1"
                        >
                          <option value="">Standard</option>
                          {contactTypes.map((ct) => (
                            <option key={ct.code} value={ct.code}>
                              {ct.code}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                    <td className={`${cellBorder} p-0.5`}>
                      <select
                        {...control(rowClosureField(t.id))}
                        aria-label={`Afslutning for ${t.title}`}
                        className="min-h-11 rounded border border-slate-500 bg-white px-1"
                      >
                        <option value="">Standard</option>
                        {closures.map((c) => (
                          <option key={c.code} value={c.code}>
                            {c.code}
                          </option>
                        ))}
                      </select>
                    </td>
                  </>
                ) : null}
                <td className={`${cellBorder} px-2 text-right font-semibold tabular-nums`} data-total="row">
                  {totals.rows[row].toLocaleString("da-DK")}
                </td>
              </tr>
            ))}
            <tr>
              <th scope="row" className={`${cellBorder} px-2 text-left`}>
                I alt
              </th>
              {columns.map((c, i) => (
                <td key={c.code} className={`${cellBorder} px-2 text-right font-semibold tabular-nums`} data-total="column">
                  {totals.columns[i].toLocaleString("da-DK")}
                </td>
              ))}
              {layout.withTypes ? <td className={cellBorder} colSpan={2} /> : null}
              <td className={`${cellBorder} px-2 text-right font-bold tabular-nums`} data-total="sheet">
                {totals.total.toLocaleString("da-DK")}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <Button id="sheet-save" type="submit" disabled={pending}>
        Gem skema
      </Button>
      <div role="status" aria-live="polite">
        {state.ok ? <Alert tone="success" title={state.ok} /> : null}
        {shownProblems.length ? (
          <Alert
            tone="error"
            title={`Intet er gemt: ${shownProblems.length === 1 ? shownProblems[0] : `skemaet har ${shownProblems.length} fejl.`}`}
          >
            {shownProblems.length > 1 ? (
              <ul className="list-disc pl-5">
                {shownProblems.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : state.error ? (
          <Alert tone="error" title={`Intet er gemt: ${state.error}`}>
            {state.problems?.length ? (
              <ul className="list-disc pl-5">
                {state.problems.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </Alert>
        ) : null}
      </div>
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)} title="Gem skemaet?">
        {confirm ? (
          <>
            <p>
              Der oprettes {sheetSummary(confirm).text} i {unit.name}, {when}, som én indlæsning med datakilden «Papirskema». Den kan
              fortrydes bagefter.
            </p>
            <ul className="list-disc pl-5 text-sm" aria-label="Det oprettes pr. opgave">
              {layout.tasks.flatMap((t) => {
                const rows = confirm.filter((r) => r.taskId === t.id);
                if (!rows.length) return [];
                const channels = rows
                  .map((r) => `${columns.find((c) => c.code === r.channelCode)?.name ?? r.channelCode} ${r.quantity}`)
                  .join(", ");
                return [
                  <li key={t.id}>
                    {t.title}: {channels} ({typeLabel(rows[0].contactTypeCode)}, {closureLabel(rows[0].closureCode).toLowerCase()})
                  </li>,
                ];
              })}
            </ul>
            <div className="flex flex-wrap gap-3">
              <Button onClick={save} autoFocus>
                Gem {sheetSummary(confirm).registrations.toLocaleString("da-DK")} registreringer
              </Button>
              <Button variant="secondary" onClick={() => setConfirm(null)}>
                Tilbage til skemaet
              </Button>
            </div>
          </>
        ) : null}
      </Dialog>
    </form>
  );
}
