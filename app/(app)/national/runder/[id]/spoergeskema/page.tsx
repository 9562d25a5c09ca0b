import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Hidden } from "@/components/forms/fields";
import { BackLink } from "@/components/ui/back-link";
import { Label, Select } from "@/components/ui/field";
import { PageHeader, Section } from "@/components/ui/page-header";
import { requireSection } from "@/lib/auth/guards";
import {
  addQuestionAction,
  copyQuestionnaireAction,
  deleteQuestionAction,
  moveQuestionAction,
  updateQuestionAction,
} from "@/lib/questionnaire/actions";
import { KIND_LABELS, QUESTIONNAIRE_KINDS } from "@/lib/questionnaire/kinds";
import { loadQuestionnaireEditor } from "@/lib/questionnaire/queries";
import { AboutTheMunicipality, QuestionnaireFields } from "./question-fields";

export const metadata: Metadata = { title: "Rundens spørgeskema" };

/** KL defines the round's questionnaire ("Øvrige data"): the questions every municipality answers once. */
export default async function QuestionnaireEditorPage({ params }: { params: Promise<{ id: string }> }) {
  const { access } = await requireSection("national");
  const { id } = await params;
  const round = await loadQuestionnaireEditor(access, id);
  if (!round) notFound();
  const questions = round.questionnaire;
  return (
    <>
      <BackLink href={`/national/runder/${round.id}`}>Tilbage til {round.name}</BackLink>
      <PageHeader title={`Spørgeskema: ${round.name}`}>
        <p>Kommunernes tovholdere besvarer spørgeskemaet én gang pr. runde, indtil de godkender rundens data.</p>
        <AboutTheMunicipality />
        <p>
          <Link href={`/national/runder/${round.id}/svar`}>Se kommunernes svar side om side</Link>
        </p>
      </PageHeader>

      <Section title={`Spørgsmål (${questions.length})`}>
        {questions.length ? (
          <ol className="space-y-4">
            {questions.map((q, i) => (
              <li key={q.id} className="rounded-md border border-slate-300 bg-white p-4" data-question={q.text}>
                <h3 className="font-semibold">
                  {i + 1}. {q.text}
                </h3>
                <p className="text-slate-700">
                  {KIND_LABELS[q.kind]} · besvaret af {q._count.answers} · {q.isPublic ? "vises på Landkortet" : "vises ikke offentligt"}
                </p>
                <ActionForm
                  action={updateQuestionAction}
                  submitLabel="Gem spørgsmålet"
                  label={`Ret spørgsmål ${i + 1}`}
                  className="mt-3 space-y-3"
                >
                  <Hidden values={{ questionId: q.id }} />
                  <QuestionnaireFields
                    idPrefix={`q-${q.id}`}
                    text={q.text}
                    options={q.kind === "CHOICE" ? q.options.map((o) => o.label) : null}
                    isPublic={q.isPublic}
                    answered={q._count.answers}
                  />
                </ActionForm>
                <div className="mt-3 flex flex-wrap gap-3">
                  {i > 0 ? (
                    <ActionForm action={moveQuestionAction} submitLabel="Flyt op" variant="secondary" label={`Flyt spørgsmål ${i + 1} op`}>
                      <Hidden values={{ questionId: q.id, direction: "up" }} />
                    </ActionForm>
                  ) : null}
                  {i < questions.length - 1 ? (
                    <ActionForm
                      action={moveQuestionAction}
                      submitLabel="Flyt ned"
                      variant="secondary"
                      label={`Flyt spørgsmål ${i + 1} ned`}
                    >
                      <Hidden values={{ questionId: q.id, direction: "down" }} />
                    </ActionForm>
                  ) : null}
                  {q._count.answers === 0 ? (
                    <ConfirmAction
                      action={deleteQuestionAction}
                      fields={{ questionId: q.id }}
                      triggerLabel="Slet"
                      triggerAriaLabel={`Slet spørgsmål ${i + 1}`}
                      title={`Slet «${q.text}»?`}
                      confirmLabel="Slet spørgsmålet"
                    >
                      <p>Ingen kommune har besvaret spørgsmålet endnu.</p>
                    </ConfirmAction>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        ) : (
          <p>Runden har ingen spørgsmål endnu.</p>
        )}
      </Section>

      <Section title="Tilføj et spørgsmål">
        <ActionForm
          action={addQuestionAction}
          submitLabel="Tilføj spørgsmålet"
          label="Tilføj et spørgsmål"
          resetOnSuccess
          className="max-w-xl space-y-3 rounded-md border border-slate-300 bg-white p-4"
        >
          <Hidden values={{ roundId: round.id }} />
          <div>
            <Label htmlFor="new-kind">Type</Label>
            <Select id="new-kind" name="kind" defaultValue="CHOICE" className="mt-1">
              {QUESTIONNAIRE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {KIND_LABELS[k]}
                </option>
              ))}
            </Select>
          </div>
          <QuestionnaireFields idPrefix="new" options={[]} />
        </ActionForm>
      </Section>

      {!questions.length && round.sources.length ? (
        <Section title="Kopiér fra en tidligere runde">
          <ActionForm
            action={copyQuestionnaireAction}
            submitLabel="Kopiér spørgsmålene"
            label="Kopiér spørgeskema"
            className="max-w-xl space-y-3"
          >
            <Hidden values={{ roundId: round.id }} />
            <Label htmlFor="copy-from">Runde</Label>
            <Select id="copy-from" name="fromRoundId" className="mt-1">
              {round.sources.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name} ({s._count.questionnaire} spørgsmål)
                </option>
              ))}
            </Select>
          </ActionForm>
        </Section>
      ) : null}
    </>
  );
}
