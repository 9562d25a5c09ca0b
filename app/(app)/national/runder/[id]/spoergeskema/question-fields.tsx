import { Check } from "@/components/forms/fields";
import { Input, Label, Textarea } from "@/components/ui/field";
import { TEXT_ANSWER_MAX } from "@/lib/questionnaire/kinds";

/** The wording, options and public choice of a questionnaire question (add and edit). */
export function QuestionnaireFields({
  idPrefix,
  text = "",
  options,
  isPublic = false,
  answered = 0,
}: {
  idPrefix: string;
  text?: string;
  /** Null: the question is not single choice, so it has no options. */
  options: string[] | null;
  isPublic?: boolean;
  answered?: number;
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
          readOnly={answered > 0}
          aria-describedby={answered > 0 ? `${idPrefix}-text-hint` : undefined}
          placeholder="Har kommunen en vedtaget kanalstrategi?"
          className="mt-1"
        />
        {answered > 0 ? (
          <p id={`${idPrefix}-text-hint`} className="text-sm text-slate-700">
            Besvaret af {answered} {answered === 1 ? "kommune" : "kommuner"}: ordlyden står fast.
          </p>
        ) : null}
      </div>
      {options ? (
        <div>
          <Label htmlFor={`${idPrefix}-options`}>Svarmuligheder – én pr. linje</Label>
          <p id={`${idPrefix}-options-hint`} className="text-sm text-slate-700">
            Kun for enkeltvalg. En svarmulighed, som en kommune har valgt, kan ikke fjernes eller omdøbes; nye kan altid tilføjes.
          </p>
          <Textarea
            id={`${idPrefix}-options`}
            name="options"
            rows={4}
            defaultValue={options.join("\n")}
            aria-describedby={`${idPrefix}-options-hint`}
            placeholder={"Ja\nNej\nUnder udarbejdelse"}
            className="mt-1"
          />
        </div>
      ) : null}
      <Check
        name="isPublic"
        label="Vis svarene på Det Digitale Landkort"
        hint="Kun svar fra kommuner, der har godkendt runden og offentliggør deres tal."
        defaultChecked={isPublic}
      />
    </>
  );
}

/** The reminder on every questionnaire form: the questions are about the municipality. */
export function AboutTheMunicipality() {
  return (
    <p className="text-slate-700">
      Spørgsmålene handler om kommunen – fx kanalstrategi, dokumentationsmetode og organisering – aldrig om borgere. Et tekstsvar er højst{" "}
      {TEXT_ANSWER_MAX} tegn.
    </p>
  );
}
