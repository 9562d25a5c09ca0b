import { formatWeekRange } from "@/lib/format";
import { Input, Label, Select, Textarea } from "@/components/ui/field";
import { Check, Fieldset } from "@/components/forms/fields";
import { indentClass } from "@/components/ui/indent";

interface Round {
  id: string;
  name: string;
  isoYear: number;
  firstWeek: number;
  weekCount: number;
}

/** Text, options, required flag and counting period of a question (create and edit). */
export function QuestionFields({
  idPrefix,
  rounds,
  text = "",
  options = [],
  required = false,
  roundId = "",
}: {
  idPrefix: string;
  rounds: Round[];
  text?: string;
  options?: string[];
  required?: boolean;
  roundId?: string | null;
}) {
  return (
    <>
      <div>
        <Label htmlFor={`${idPrefix}-text`}>Spørgsmål</Label>
        <Input
          id={`${idPrefix}-text`}
          name="text"
          defaultValue={text}
          maxLength={300}
          placeholder="Er borgeren over eller under 65 år?"
          className="mt-1"
        />
      </div>
      <div>
        <Label htmlFor={`${idPrefix}-options`}>Svarmuligheder – én pr. linje</Label>
        <Textarea
          id={`${idPrefix}-options`}
          name="options"
          rows={4}
          defaultValue={options.join("\n")}
          placeholder={"Over 65\nUnder 65\nUkendt"}
          className="mt-1"
        />
      </div>
      <div>
        <Label htmlFor={`${idPrefix}-round`}>Hvornår stilles spørgsmålet?</Label>
        <Select id={`${idPrefix}-round`} name="roundId" defaultValue={roundId ?? ""} className="mt-1">
          <option value="">I alle kommunens tælleuger og perioder</option>
          {rounds.map((r) => (
            <option key={r.id} value={r.id}>
              I {r.name} ({formatWeekRange(r.isoYear, r.firstWeek, r.weekCount)} {r.isoYear})
            </option>
          ))}
        </Select>
      </div>
      <Check name="required" defaultChecked={required} label="Skal besvares" hint="Ellers kan registranten springe spørgsmålet over." />
    </>
  );
}

export function UnitChecks({ units, checked = [] }: { units: { id: string; path: string; depth: number }[]; checked?: string[] }) {
  return (
    <Fieldset legend="Stilles i enhederne">
      <div className="max-h-72 overflow-y-auto">
        {units.map((u) => (
          <div key={u.id} className={indentClass(u.depth)}>
            <Check name="unitId" value={u.id} label={u.path} defaultChecked={checked.includes(u.id)} />
          </div>
        ))}
      </div>
    </Fieldset>
  );
}
