import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDate, formatNumber, formatWeekRange } from "@/lib/format";
import { BackLink } from "@/components/ui/back-link";
import { PageHeader, Section } from "@/components/ui/page-header";
import { requireSection } from "@/lib/auth/guards";
import { deleteRoundAction, updateRoundAction } from "@/lib/counting/round-actions";
import { ActionForm } from "@/components/forms/action-form";
import { ConfirmAction } from "@/components/forms/confirm-action";
import { Hidden, Hint } from "@/components/forms/fields";
import { loadCountingRound } from "@/lib/counting/round-queries";
import { loadTaskPackages } from "@/lib/tasks/queries";
import { RoundFields } from "../../round-fields";

export const metadata: Metadata = { title: "Tællerunde" };

export default async function RoundPage({ params }: { params: Promise<{ id: string }> }) {
  const { access } = await requireSection("national");
  const { id } = await params;
  const [round, packages] = await Promise.all([loadCountingRound(access, id), loadTaskPackages(access)]);
  if (!round) notFound();
  const uses = round._count;
  const inUse = uses.countingWeeks + uses.questions + uses.setupSnapshots > 0;

  return (
    <>
      <BackLink href="/national">Tilbage til National</BackLink>
      <PageHeader title={round.name}>
        <p>
          {formatWeekRange(round.isoYear, round.firstWeek, round.weekCount)} {round.isoYear}, fra mandag {formatDate(round.startsOn)}.{" "}
          {formatNumber(uses.countingWeeks)} valgte kommuneuger.
        </p>
      </PageHeader>

      <Section title="Spørgeskema til kommunerne">
        <p>
          <Link href={`/national/runder/${round.id}/spoergeskema`}>Lav rundens spørgeskema</Link> ·{" "}
          <Link href={`/national/runder/${round.id}/svar`}>Se kommunernes svar</Link>
        </p>
      </Section>

      <Section title="Ret runden">
        <ActionForm
          action={updateRoundAction}
          submitLabel="Gem runden"
          label="Ret runden"
          className="max-w-xl rounded-md border border-slate-300 bg-white p-4"
        >
          <Hidden values={{ roundId: round.id }} />
          <RoundFields idPrefix="round" values={round} packages={packages} weeksLocked={uses.countingWeeks > 0} />
        </ActionForm>
      </Section>

      <Section title="Slet runden">
        {inUse ? (
          <Hint>Runden kan ikke slettes, fordi kommuner bruger den (valgte uger, ekstra spørgsmål eller gemt opsætning).</Hint>
        ) : (
          <ConfirmAction
            action={deleteRoundAction}
            fields={{ roundId: round.id }}
            triggerLabel="Slet runden"
            title={`Slet ${round.name}?`}
            confirmLabel="Slet runden"
          >
            <p>Ingen kommune har valgt uger i runden endnu. Den forsvinder fra kommunernes valg af tælleuger.</p>
          </ConfirmAction>
        )}
      </Section>
    </>
  );
}
