import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/field";
import { addObligatoryTasksAction, addTasksAction, copyFromUnitAction, removeTasksAction } from "@/lib/units/setup-actions";
import type { UnitDetail } from "@/lib/units/page-queries";
import { taskLevelLabel } from "@/lib/units/page-queries";
import { ActionForm } from "@/components/forms/action-form";
import { Check, Fieldset, Hidden, Hint } from "@/components/forms/fields";

interface PackageRow {
  id: string;
  name: string;
  items: { obligatory: boolean; removed: boolean; title: string; needGroup: string | null; task: { id: string; number: string } }[];
}

type Ids = { municipalityId: string; unitId: string };

function TaskLabel({ number, title }: { number: string; title: string }) {
  return (
    <>
      {number !== "FEJL" ? <span className="font-mono text-sm">{number}</span> : null} {title}
      {taskLevelLabel(number) === "gruppe" ? <span className="ml-2 text-sm text-slate-700">(gruppe)</span> : null}
    </>
  );
}

export function UnitTasks(props: {
  unit: UnitDetail;
  ids: Ids;
  readOnly: boolean;
  packages: PackageRow[];
  packageId: string | null;
  targetName: string | null;
  query: string;
  results: { id: string; number: string; title: string }[] | null;
  otherUnits: { id: string; path: string }[];
}) {
  const { unit, ids, readOnly } = props;
  return (
    <section aria-labelledby="opgaver" className="mb-8 space-y-4">
      <h2 id="opgaver" className="text-xl">
        Opgaver ({unit.tasks.length})
      </h2>
      {readOnly ? (
        <ul className="columns-1 space-y-1 rounded-md border border-slate-300 bg-white p-4 md:columns-2">
          {unit.tasks.map((t) => (
            <li key={t.id}>
              <TaskLabel number={t.number} title={t.title} />
            </li>
          ))}
        </ul>
      ) : (
        <>
          <CurrentTasks unit={unit} ids={ids} />
          <PackageTasks {...props} />
          <KleSearch {...props} />
          <CopyFromUnit ids={ids} otherUnits={props.otherUnits} />
        </>
      )}
    </section>
  );
}

function CurrentTasks({ unit, ids }: { unit: UnitDetail; ids: Ids }) {
  if (!unit.tasks.length) return <Hint>Enheden tæller ingen opgaver endnu.</Hint>;
  return (
    <details className="rounded-md border border-slate-300 bg-white p-4" open={unit.tasks.length <= 15}>
      <summary className="min-h-11 cursor-pointer py-2 font-semibold">Enhedens opgaver – vælg dem, der skal fjernes</summary>
      <ActionForm action={removeTasksAction} submitLabel="Fjern valgte opgaver" variant="secondary" label="Fjern opgaver">
        <Hidden values={ids} />
        <div className="grid gap-x-6 md:grid-cols-2">
          {unit.tasks.map((t) => (
            <Check
              key={t.id}
              name="taskId"
              value={t.id}
              disabled={t.number === "FEJL"}
              label={<TaskLabel number={t.number} title={t.title} />}
              hint={t.number === "FEJL" ? "Tælles altid" : undefined}
            />
          ))}
        </div>
      </ActionForm>
    </details>
  );
}

function PackageTasks({ unit, ids, packages, packageId, targetName }: Parameters<typeof UnitTasks>[0]) {
  const pkg = packages.find((p) => p.id === packageId);
  if (!pkg) return null;
  const have = new Set(unit.tasks.map((t) => t.id));
  const obligatory = pkg.items.filter((i) => i.obligatory && !i.removed);
  const missing = obligatory.filter((i) => !have.has(i.task.id));
  const voluntary = pkg.items.filter((i) => !i.obligatory && !have.has(i.task.id));
  return (
    <div className="space-y-4 rounded-md border border-slate-300 bg-white p-4">
      <h3 className="font-semibold">Fra opgavepakken</h3>
      <form method="get" action={`/administration/enheder/${unit.id}#opgaver`} className="flex flex-wrap items-end gap-3">
        <div className="min-w-0 flex-1">
          <Label htmlFor="pakke">Opgavepakke</Label>
          <Select id="pakke" name="pakke" defaultValue={pkg.id} className="mt-1">
            {packages.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="secondary">
          Vis pakke
        </Button>
      </form>
      {targetName ? <Hint>Pakken til {targetName} er valgt på forhånd.</Hint> : null}
      <ActionForm
        action={addObligatoryTasksAction}
        submitLabel={missing.length ? `Tilføj alle ${missing.length} manglende obligatoriske opgaver` : "Tilføj obligatoriske opgaver"}
        label="Obligatoriske opgaver"
      >
        <Hidden values={{ ...ids, packageId: pkg.id }} />
        <p>
          {pkg.name}: {obligatory.length} obligatoriske opgaver, heraf tæller enheden {obligatory.length - missing.length}.
        </p>
      </ActionForm>
      {voluntary.length ? (
        <details>
          <summary className="min-h-11 cursor-pointer py-2 font-medium">Frivillige opgaver i pakken ({voluntary.length})</summary>
          <ActionForm action={addTasksAction} submitLabel="Tilføj valgte frivillige opgaver" variant="secondary" label="Frivillige opgaver">
            <Hidden values={ids} />
            <div className="grid gap-x-6 md:grid-cols-2">
              {voluntary.map((i) => (
                <Check
                  key={i.task.id}
                  name="taskId"
                  value={i.task.id}
                  label={<TaskLabel number={i.task.number} title={i.title} />}
                  hint={[i.removed ? "udgået af den obligatoriske pakke" : "", i.needGroup ?? ""].filter(Boolean).join(" · ") || undefined}
                />
              ))}
            </div>
          </ActionForm>
        </details>
      ) : null}
    </div>
  );
}

function KleSearch({ unit, ids, query, results, packageId }: Parameters<typeof UnitTasks>[0]) {
  const have = new Set(unit.tasks.map((t) => t.id));
  const found = (results ?? []).filter((t) => !have.has(t.id));
  return (
    <div className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      <h3 className="font-semibold">Søg i KLE</h3>
      <form
        method="get"
        action={`/administration/enheder/${unit.id}#opgaver`}
        role="search"
        aria-label="Søg opgaver i KLE"
        className="flex flex-wrap items-end gap-3"
      >
        {packageId ? <input type="hidden" name="pakke" value={packageId} /> : null}
        <div className="min-w-0 flex-1">
          <Label htmlFor="kle-q">KLE-nummer eller ord fra titlen</Label>
          <Input id="kle-q" name="q" defaultValue={query} placeholder="fx 23.05 eller pas" className="mt-1" aria-describedby="kle-hint" />
        </div>
        <Button type="submit" variant="secondary">
          Søg
        </Button>
      </form>
      <p id="kle-hint" className="text-sm text-slate-700">
        Søger i grupper (xx.xx) og emner (xx.xx.xx) i den importerede KLE-emneplan og opgavepakkerne.
      </p>
      {results === null ? null : found.length === 0 ? (
        <p role="status">{results.length ? "Alle fundne opgaver tælles allerede i enheden." : `Ingen opgaver matcher "${query}".`}</p>
      ) : (
        <ActionForm action={addTasksAction} submitLabel="Tilføj valgte opgaver" label="Søgeresultater">
          <Hidden values={ids} />
          <Fieldset legend={`${found.length} opgaver fundet`} className="space-y-0">
            <div className="grid gap-x-6 md:grid-cols-2">
              {found.map((t) => (
                <Check key={t.id} name="taskId" value={t.id} label={<TaskLabel number={t.number} title={t.title} />} />
              ))}
            </div>
          </Fieldset>
        </ActionForm>
      )}
    </div>
  );
}

function CopyFromUnit({ ids, otherUnits }: { ids: Ids; otherUnits: { id: string; path: string }[] }) {
  if (!otherUnits.length) return null;
  return (
    <ActionForm
      action={copyFromUnitAction}
      submitLabel="Kopiér"
      variant="secondary"
      label="Kopiér fra en anden enhed"
      className="space-y-3 rounded-md border border-slate-300 bg-white p-4"
    >
      <h3 className="font-semibold">Kopiér fra en anden enhed</h3>
      <Hidden values={ids} />
      <div>
        <Label htmlFor="copy-source">Enhed</Label>
        <Select id="copy-source" name="sourceUnitId" defaultValue="" className="mt-1">
          <option value="" disabled>
            Vælg enhed
          </option>
          {otherUnits.map((u) => (
            <option key={u.id} value={u.id}>
              {u.path}
            </option>
          ))}
        </Select>
      </div>
      <Fieldset legend="Hvad skal kopieres?" className="space-y-0">
        <Check name="channels" label="Kanaler" defaultChecked />
        <Check name="tasks" label="Opgaver" defaultChecked />
      </Fieldset>
      <Fieldset legend="Hvordan?" className="space-y-0">
        <label className="flex min-h-11 items-center gap-3">
          <input type="radio" name="mode" value="replace" defaultChecked className="h-5 w-5 accent-brand-700" /> Erstat enhedens valg
        </label>
        <label className="flex min-h-11 items-center gap-3">
          <input type="radio" name="mode" value="add" className="h-5 w-5 accent-brand-700" /> Tilføj til enhedens valg
        </label>
      </Fieldset>
    </ActionForm>
  );
}
