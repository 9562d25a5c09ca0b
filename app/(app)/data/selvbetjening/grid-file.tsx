"use client";

import { type ChangeEvent, useState } from "react";
import { Label } from "@/components/ui/field";

/**
 * Fills the grid from a CSV file (opgave;uge;antal, e.g. an export of the statistics module): the
 * filled grid is the preview, and nothing is stored until «Gem skema». Lines that fit no cell are
 * listed with their line numbers and fill nothing.
 */
export function GridFile({ tasks, weekKeys }: { tasks: { id: string; number: string }[]; weekKeys: number[] }) {
  const [message, setMessage] = useState<{ text: string; problems: string[] } | null>(null);
  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file || !input.form) return;
    const lines = (await file.text()).replace(/^\uFEFF/, "").split(/\r?\n/);
    const taskId = new Map(tasks.map((t) => [t.number, t.id]));
    const problems: string[] = [];
    let filled = 0;
    lines.forEach((line, i) => {
      const cells = line.split(line.includes(";") ? ";" : ",").map((c) => c.trim());
      if (i === 0 || cells.every((c) => c === "")) return;
      const [number = "", week = "", count = ""] = cells;
      const match = /^(\d{4})-W(\d{1,2})$/i.exec(week);
      const key = match ? Number(match[1]) * 100 + Number(match[2]) : NaN;
      const id = taskId.get(number);
      const field = id && weekKeys.includes(key) ? input.form!.elements.namedItem(`c_${id}_${key}`) : null;
      if (!id) problems.push(`Linje ${i + 1}: Opgaven "${number}" er ikke i rundens opgavepakke.`);
      else if (!(field instanceof HTMLInputElement)) problems.push(`Linje ${i + 1}: Ugen "${week}" er ikke en af rundens uger (skriv fx 2026-W18).`);
      else if (!/^\d+$/.test(count)) problems.push(`Linje ${i + 1}: Antallet "${count}" skal være et helt tal fra 0.`);
      else {
        field.value = count;
        filled += 1;
      }
    });
    setMessage({
      text: `${filled} felter er udfyldt fra filen${problems.length ? `; ${problems.length} linjer passede ikke` : ""}. Se skemaet efter, og tryk «Gem skema».`,
      problems,
    });
  }
  return (
    <div>
      <Label htmlFor="grid-file">Udfyld fra fil (valgfrit)</Label>
      <p id="grid-file-help" className="text-slate-700">
        CSV med kolonnerne opgave;uge;antal og en overskriftslinje, fx 02.03.04;2026-W18;412. Intet gemmes, før du trykker «Gem skema».
      </p>
      <input id="grid-file" type="file" accept=".csv,text/csv" onChange={onChange} aria-describedby="grid-file-help" className="block min-h-11" />
      <div role="status" className="mt-2">
        {message ? (
          <>
            <p>{message.text}</p>
            {message.problems.length ? (
              <ul className="list-disc pl-6">
                {message.problems.slice(0, 50).map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            ) : null}
          </>
        ) : null}
      </div>
    </div>
  );
}
