import { Input, Label } from "@/components/ui/field";
import { TEXT_ANSWER_MAX } from "@/lib/questionnaire/kinds";

interface Question {
  id: string;
  kind: "CHOICE" | "NUMBER" | "TEXT";
  text: string;
  options: { id: string; label: string }[];
  /** The saved answer: an option id, a number with a decimal comma, or the text. */
  answer: string | null;
}

/** One question of the round questionnaire as a field named "q:<id>"; disabled once the round is approved. */
export function AnswerField({ question: q, number, locked }: { question: Question; number: number; locked: boolean }) {
  const name = `q:${q.id}`;
  const id = `answer-${q.id}`;
  const heading = `${number}. ${q.text}`;
  if (q.kind === "CHOICE")
    return (
      <fieldset className="rounded-md border border-slate-300 bg-white p-4" disabled={locked}>
        <legend className="px-1 font-semibold">{heading}</legend>
        {[{ id: "", label: "Ikke besvaret" }, ...q.options].map((o) => (
          <label key={o.id || "none"} className="flex min-h-11 cursor-pointer items-center gap-3">
            <input type="radio" name={name} value={o.id} defaultChecked={(q.answer ?? "") === o.id} className="h-5 w-5 accent-brand-700" />
            {o.label}
          </label>
        ))}
      </fieldset>
    );
  return (
    <div className="rounded-md border border-slate-300 bg-white p-4">
      <Label htmlFor={id}>{heading}</Label>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        {q.kind === "NUMBER"
          ? "Et tal, fx 12 eller 2,5. Tomt: ikke besvaret."
          : `Kort tekst om kommunen, højst ${TEXT_ANSWER_MAX} tegn. Ingen oplysninger om borgere.`}
      </p>
      <Input
        id={id}
        name={name}
        defaultValue={q.answer ?? ""}
        inputMode={q.kind === "NUMBER" ? "decimal" : undefined}
        maxLength={q.kind === "TEXT" ? TEXT_ANSWER_MAX : 20}
        disabled={locked}
        aria-describedby={`${id}-hint`}
        className="mt-1 max-w-xl"
      />
    </div>
  );
}
