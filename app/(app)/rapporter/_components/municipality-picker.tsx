import { Button } from "@/components/ui/button";

// For national staff on a report that needs one municipality (benchmark, units): which one. A GET
// form that keeps the report's other filters.

export function MunicipalityPicker({
  municipalities,
  query,
  message,
}: {
  municipalities: readonly { number: number; name: string }[];
  query: Record<string, string | string[] | undefined>;
  message: string;
}) {
  const kept = Object.entries(query).flatMap(([k, v]) =>
    k === "kommune" || v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((x) => [k, x] as const),
  );
  return (
    <form method="get" className="max-w-xl space-y-3 rounded-md border border-slate-300 bg-white p-4" aria-label="Vælg kommune">
      <p>{message}</p>
      {kept.map(([k, v], i) => (
        <input key={`${k}-${i}`} type="hidden" name={k} value={v} />
      ))}
      <label className="block">
        <span className="font-medium">Kommune</span>
        <select name="kommune" required defaultValue="" className="block w-full rounded border border-slate-500 bg-white px-2 py-1.5">
          <option value="" disabled>
            Vælg en kommune
          </option>
          {municipalities.map((m) => (
            <option key={m.number} value={m.number}>{`${m.name} (${m.number})`}</option>
          ))}
        </select>
      </label>
      <Button type="submit">Vis rapport</Button>
    </form>
  );
}
