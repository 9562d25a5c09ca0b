import { formatNumber } from "@/lib/format";
import { channelLabel } from "@/lib/reference/codes";
import { formatShare } from "@/lib/reports/format";
import { type Finding, QUALITY_THRESHOLDS, type QualityLimits, type SettableShare } from "./rules";

// The Danish texts of «Datakvalitet»: what each finding is, why it matters, and where to look
// (the registrations in a report or a download, or the setup concerned). Pure; the rules are in rules.ts.

interface FindingLink {
  label: string;
  href: string;
}

export interface DescribedFinding {
  rule: Finding["rule"];
  title: string;
  detail: string;
  why: string;
  links: FindingLink[];
}

/** What the links need: where the round and unit are, and whether the reader may download and change setup (a coordinator). */
interface LinkContext {
  municipalityNumber: number;
  roundCode: string;
  unitId: string;
  /** The round's first and last date (yyyy-mm-dd), for downloads. */
  roundFrom: string;
  roundTo: string;
  coordinator: boolean;
  /** The municipality's limits (default: QUALITY_THRESHOLDS), for the texts that name them. */
  limits?: QualityLimits;
}

/** Each rule's short name, in the order the rules run: KL's summary has a column per rule. */
export const RULE_LABELS: Record<Finding["rule"], string> = {
  "no-registrations": "Ingen registreringer",
  "empty-days": "Dage uden registreringer",
  "empty-hours": "Timer uden registreringer",
  "fejl-share": "Mange fejlhenvendelser",
  "all-straks": "Alt straksafsluttet",
  "one-task": "Én opgave fylder meget",
  "rare-form": "Blanketter på sjældne kanaler",
  "outside-weeks": "Uden for tælleugerne",
  "test-left": "Testregistreringer",
  "outside-package": "Uden for opgavepakken",
};

/** The shares a coordinator sets, as the form and the audit log name them; the minimums are the rules'. */
export const SETTABLE_SHARE_TEXTS: Record<SettableShare, { label: string; hint: string }> = {
  fejlShare: {
    label: "Fejlhenvendelser",
    hint: `Fund, når fejlhenvendelser er over grænsen af enhedens henvendelser (ved mindst ${QUALITY_THRESHOLDS.fejlMinContacts}).`,
  },
  straksShare: {
    label: "Straksafsluttet",
    hint: `Fund, når mindst grænsen af henvendelserne med afslutning er straksafsluttet (ved mindst ${QUALITY_THRESHOLDS.straksMinContacts}).`,
  },
  oneTaskShare: {
    label: "Én opgave",
    hint: `Fund, når én opgave har over grænsen af enhedens henvendelser (ved mindst ${QUALITY_THRESHOLDS.oneTaskMinContacts}, i en enhed med mindst ${QUALITY_THRESHOLDS.oneTaskMinSetupTasks} opgaver).`,
  },
  rareFormShare: {
    label: "Blanket på SMS, chat og sociale medier",
    hint: `Fund, når «Blanket: ja» er over grænsen af de besvarede på en af kanalerne (ved mindst ${QUALITY_THRESHOLDS.rareFormMinAnswered}).`,
  },
};

const DAY = new Intl.DateTimeFormat("da-DK", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });

/** "2025-03-10" → "man. 10. mar." */
export function formatDay(day: string): string {
  return DAY.format(new Date(`${day}T00:00:00Z`));
}

const share = (part: number, whole: number) => formatShare(whole ? part / whole : null, 0);
const hour = (h: number) => `kl. ${String(h).padStart(2, "0")}–${String(h + 1).padStart(2, "0")}`;

/** At most `max` items, then "og N til". */
function listSome(items: string[], max = 5): string {
  if (items.length <= max) return items.join(", ");
  return `${items.slice(0, max).join(", ")} og ${formatNumber(items.length - max)} til`;
}

function reportLink(ctx: LinkContext, slug: string, label: string, extra: Record<string, string> = {}): FindingLink {
  const params = new URLSearchParams({ kommune: String(ctx.municipalityNumber), runde: ctx.roundCode, enhed: ctx.unitId, ...extra });
  return { label, href: `/rapporter/${slug}?${params}` };
}

function exportLink(ctx: LinkContext, extra: { fra?: string; til?: string; kanal?: string } = {}): FindingLink[] {
  if (!ctx.coordinator) return [];
  const params = new URLSearchParams({
    kommune: String(ctx.municipalityNumber),
    enhed: ctx.unitId,
    fra: extra.fra ?? ctx.roundFrom,
    til: extra.til ?? ctx.roundTo,
  });
  if (extra.kanal) params.set("kanal", extra.kanal);
  return [{ label: "Hent registreringerne (CSV)", href: `/api/exports/registrations?${params}` }];
}

function setupLink(ctx: LinkContext): FindingLink[] {
  return ctx.coordinator ? [{ label: "Enhedens opsætning", href: `/administration/enheder/${ctx.unitId}` }] : [];
}

/** The Danish text and links of one finding. */
export function describeFinding(finding: Finding, ctx: LinkContext): DescribedFinding {
  const t = ctx.limits ?? QUALITY_THRESHOLDS;
  const half = t.oneTaskShare === 0.5 ? "halvdelen" : formatShare(t.oneTaskShare, 0);
  switch (finding.rule) {
    case "no-registrations":
      return {
        rule: finding.rule,
        title: "Ingen registreringer i tælleugerne",
        detail: `Enheden er sat op til at tælle, men har ingen registreringer på rundens ${formatNumber(finding.days)} tælledage indtil nu.`,
        why: "Enhedens henvendelser mangler i alle rapporter og i landstallene. Måske er der ikke talt, eller enheden skulle ikke have været med i runden.",
        links: setupLink(ctx),
      };
    case "empty-days":
      return {
        rule: finding.rule,
        title: "Tælledage uden registreringer",
        detail: `Ingen registreringer ${listSome(finding.days.map(formatDay))}.`,
        why: "En hverdag i tælleugerne uden en eneste registrering betyder som regel, at der ikke blev talt den dag (travlhed, fravær, glemt), ikke at ingen henvendte sig. Dagen trækker enhedens tal ned. En lukkedag kan forklare det (helligdage tæller ikke som tælledage).",
        links: [reportLink(ctx, "tidspunkt", "Se registreringerne pr. dag og time"), ...exportLink(ctx)],
      };
    case "empty-hours": {
      const gaps = finding.gaps.map((g) => `${formatDay(g.day)} ${hour(g.hour)} (plejer ${formatNumber(g.usual)})`);
      return {
        rule: finding.rule,
        title: "Timer uden registreringer, hvor enheden plejer at have mange",
        detail: `${formatNumber(gaps.length)} ${gaps.length === 1 ? "time" : "timer"} uden registreringer: ${listSome(gaps)}.`,
        why: `Når det er travlt, er registreringen det første, der springes over. En time uden registreringer, hvor enheden de andre dage plejer at have mindst ${t.busyHourMedian}, tyder på henvendelser, der ikke blev talt.`,
        links: [reportLink(ctx, "tidspunkt", "Se registreringerne pr. dag og time"), ...exportLink(ctx)],
      };
    }
    case "fejl-share":
      return {
        rule: finding.rule,
        title: "Mange fejlhenvendelser",
        detail: `${share(finding.fejl, finding.contacts)} af enhedens ${formatNumber(finding.contacts)} henvendelser er fejlhenvendelser (grænsen er ${formatShare(t.fejlShare, 0)}).`,
        why: "En fejlhenvendelse handler om noget, kommunen ikke løser. En høj andel skyldes ofte, at henvendelser om fx Udbetaling Danmarks opgaver eller andre opgaver i pakken er registreret som fejl, så opgaven mangler i tallene.",
        links: [reportLink(ctx, "typer", "Se henvendelsestyperne"), ...exportLink(ctx)],
      };
    case "all-straks":
      return {
        rule: finding.rule,
        title: "Alt er straksafsluttet",
        detail: `${share(finding.straks, finding.closed)} af ${formatNumber(finding.closed)} henvendelser med afslutning er straksafsluttet (grænsen er ${formatShare(t.straksShare, 0)}).`,
        why: "Nogle henvendelser kræver næsten altid videre behandling. Står alle som straksafsluttet, er afslutningen måske ikke valgt, men taget som den første mulighed.",
        links: [reportLink(ctx, "afslutning", "Se afslutningerne"), ...exportLink(ctx)],
      };
    case "one-task":
      return {
        rule: finding.rule,
        title: `Én opgave fylder over ${half}`,
        detail: `${finding.task.number} ${finding.task.title} har ${share(finding.contacts, finding.total)} af enhedens ${formatNumber(finding.total)} henvendelser (grænsen er ${formatShare(t.oneTaskShare, 0)}).`,
        why: `Når én opgave fylder over ${half} i en enhed, der løser flere opgaver, er den ofte valgt af vane eller fra en favorit, også når henvendelsen handlede om noget andet. Så bliver de andre opgaver for små i tallene.`,
        links: [reportLink(ctx, "opgaver-kanaler", "Se opgaverne"), ...exportLink(ctx)],
      };
    case "rare-form": {
      const channels = finding.channels.map(
        (c) =>
          `${channelLabel(c.channelCode)}: ${formatNumber(c.withForm)} af ${formatNumber(c.answered)} (${share(c.withForm, c.answered)})`,
      );
      return {
        rule: finding.rule,
        title: "Blanketter på kanaler, der sjældent bærer dem",
        detail: `Svaret «Blanket: ja» på ${channels.join("; ")} (grænsen er ${formatShare(t.rareFormShare, 0)}).`,
        why: "Spørgsmålet om blanket skal finde blanketter, der stadig tastes ind i hånden. Via SMS, chat og sociale medier kommer der sjældent en blanket, så mange ja dér tyder på, at spørgsmålet er misforstået eller besvaret af vane.",
        links: [
          reportLink(ctx, "blanketter", "Se blanketterne", { kanal: finding.channels.map((c) => c.channelCode).join(",") }),
          ...exportLink(ctx, { kanal: finding.channels[0].channelCode }),
        ],
      };
    }
    case "outside-weeks":
      return {
        rule: finding.rule,
        title: "Registreringer uden for tælleugerne",
        detail: `${formatNumber(finding.registrations)} ${finding.registrations === 1 ? "registrering" : "registreringer"} (${formatNumber(finding.contacts)} henvendelser)${
          finding.firstDay && finding.lastDay
            ? finding.firstDay === finding.lastDay
              ? ` ${formatDay(finding.firstDay)}`
              : ` fra ${formatDay(finding.firstDay)} til ${formatDay(finding.lastDay)}`
            : ""
        } ligger uden for kommunens tælleuger.`,
        why: "Registreringer uden for tælleugerne tæller ikke med i rundens rapporter og landstal. Er de rigtige, mangler en uge i kommunens tælleuger; ellers er datoen forkert, fx en fil med forkerte datoer eller en enhed, der begyndte for tidligt.",
        links: [
          reportLink(ctx, "tidspunkt", "Se dem i rapporten", { udenfor: "1" }),
          ...exportLink(ctx, { fra: finding.firstDay ?? undefined, til: finding.lastDay ?? undefined }),
          ...(ctx.coordinator ? [{ label: "Kommunens tælleuger", href: "/administration/taelleuger" }] : []),
        ],
      };
    case "test-left":
      return {
        rule: finding.rule,
        title: "Testregistreringer tilbage",
        detail: [
          finding.testRegistrations
            ? `${formatNumber(finding.testRegistrations)} ${finding.testRegistrations === 1 ? "testregistrering" : "testregistreringer"} i rundens uger.`
            : "",
          finding.testMode ? "Enheden står stadig i prøvetælling." : "",
        ]
          .filter(Boolean)
          .join(" "),
        why: "Registreringer i prøvetælling tæller ikke med nogen steder. Står enheden stadig i prøvetælling, eller ligger der testregistreringer i rundens uger, er rigtige henvendelser måske registreret som test og mangler i tallene. Slå prøvetælling fra, og slet testregistreringerne under enheden.",
        links: setupLink(ctx),
      };
    case "outside-package":
      return {
        rule: finding.rule,
        title: "Opgaver uden for rundens opgavepakke",
        detail: `Henvendelser på ${listSome(finding.tasks.map((x) => `${x.number} ${x.title} (${formatNumber(x.contacts)})`))}.`,
        why: "Landstal og sammenligninger med andre kommuner bygger på rundens opgavepakke; henvendelser på opgaver uden for pakken kommer ikke med dér. Måske er der valgt en forkert opgave, eller enheden er sat op med opgaver fra en anden pakke.",
        links: [reportLink(ctx, "opgaver-kanaler", "Se opgaverne"), ...setupLink(ctx)],
      };
  }
}
