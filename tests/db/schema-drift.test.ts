import fs from "node:fs";
import internals from "@prisma/internals";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SporDatabase } from "@/lib/database/open";
import { createTestDatabase } from "@/tests/helpers/test-db";

// Proves that the hand-written migrations produce exactly the schema that prisma/schema.prisma
// describes: tables, columns, types, nullability, primary keys, unique constraints, indexes and
// foreign keys. Expected values come from Prisma's own parser (getDMMF); actual values from the
// PostgreSQL catalog of a freshly migrated database.

type Dmmf = Awaited<ReturnType<typeof internals.getDMMF>>;
type Model = Dmmf["datamodel"]["models"][number];
type Field = Model["fields"][number];

let database: SporDatabase;
let dmmf: Dmmf;

beforeAll(async () => {
  database = await createTestDatabase({ reference: false });
  dmmf = await internals.getDMMF({ datamodel: fs.readFileSync("prisma/schema.prisma", "utf8") });
});
afterAll(() => database.close());

const tableOf = (model: Model) => model.dbName ?? model.name;
const columnOf = (field: Field) => field.dbName ?? field.name;

function expectedType(field: Field, enums: Set<string>): string {
  if (field.kind === "enum") return field.type;
  const native = field.nativeType as [string, string[]] | null | undefined;
  if (native) {
    const [name, args] = native;
    const map: Record<string, string> = {
      Uuid: "uuid",
      Date: "date",
      Timestamptz: `timestamptz(${args[0] ?? 6})`,
      Text: "text",
    };
    if (!map[name]) throw new Error(`add a mapping for native type ${name}`);
    return map[name];
  }
  const scalar: Record<string, string> = {
    String: "text",
    Int: "int4",
    BigInt: "int8",
    Boolean: "bool",
    DateTime: "timestamp(3)",
    Json: "jsonb",
    Float: "double precision",
  };
  if (enums.has(field.type)) return field.type;
  return scalar[field.type];
}

function columnsOf(model: Model, names: readonly string[]): string[] {
  return names.map((name) => columnOf(model.fields.find((f) => f.name === name)!));
}

describe("migrations match prisma/schema.prisma", () => {
  it("has exactly the schema's tables", async () => {
    const rows = await database.sql.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_spor_migrations'`,
    );
    expect(rows.map((r) => r.table_name).sort()).toEqual(dmmf.datamodel.models.map(tableOf).sort());
  });

  it("has the schema's enums with the same values", async () => {
    const rows = await database.sql.query<{ name: string; values: string }>(
      `SELECT t.typname AS name, string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
    );
    const actual = Object.fromEntries(rows.map((r) => [r.name, r.values]));
    const expected = Object.fromEntries(
      dmmf.datamodel.enums.map((e) => [e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name).join(",")]),
    );
    expect(actual).toEqual(expected);
  });

  it("has every column with its type, nullability and nothing extra", async () => {
    const enums = new Set(dmmf.datamodel.enums.map((e) => e.name));
    const rows = await database.sql.query<{ table: string; column: string; type: string; nullable: boolean }>(
      `SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
              NOT a.attnotnull AS nullable
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
         AND c.relname <> '_spor_migrations'`,
    );
    const normalise = (type: string) =>
      type
        .replace("timestamp(3) with time zone", "timestamptz(3)")
        .replace("timestamp(3) without time zone", "timestamp(3)")
        .replace("integer", "int4")
        .replace("bigint", "int8")
        .replace("boolean", "bool")
        .replace(/^"(.*)"$/, "$1");
    const actual = rows.map((r) => `${r.table}.${r.column} ${normalise(r.type)}${r.nullable ? "?" : ""}`).sort();
    const expected = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((f) => f.kind !== "object")
          .map((f) => `${tableOf(model)}.${columnOf(f)} ${expectedType(f, enums)}${f.isRequired ? "" : "?"}`),
      )
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has the schema's primary keys, unique constraints and indexes", async () => {
    const rows = await database.sql.query<{ table: string; columns: string; is_unique: boolean; is_primary: boolean }>(
      `SELECT t.relname AS table, i.indisunique AS is_unique, i.indisprimary AS is_primary,
              string_agg(a.attname, ',' ORDER BY k.ord) AS columns
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
       WHERE n.nspname = 'public' AND t.relname <> '_spor_migrations' AND i.indpred IS NULL
       GROUP BY t.relname, i.indexrelid, i.indisunique, i.indisprimary`,
    );
    const kind = (primary: boolean, unique: boolean) => (primary ? "id" : unique ? "unique" : "normal");
    const actual = rows.map((r) => `${r.table}(${r.columns}) ${kind(r.is_primary, r.is_unique)}`).sort();
    const expected = dmmf.datamodel.indexes
      .map((index) => {
        const model = dmmf.datamodel.models.find((m) => m.name === index.model)!;
        const columns = columnsOf(
          model,
          index.fields.map((f) => f.name),
        );
        return `${tableOf(model)}(${columns.join(",")}) ${index.type === "id" ? "id" : index.type === "unique" ? "unique" : "normal"}`;
      })
      .sort();
    expect(actual).toEqual(expected);
  });

  it("has exactly the partial indexes the migrations add on purpose (schema.prisma cannot declare them)", async () => {
    const rows = await database.sql.query<{ name: string; def: string }>(
      `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND i.indpred IS NOT NULL ORDER BY 1`,
    );
    // registration_timed_idx served «Tidsforbrug» until report_rollup_timed replaced it (20261215000000_method_bases),
    // which added the time precision to the covering task index.
    // registration_test_idx: counting test registrations (Overblik, the units page) reads only the test rows.
    // registration_report_unit_idx: the same for a unit lead's reads by task, which no rollup serves.
    // report_rollup_units_form_idx: Datakvalitet's forms on channels that rarely carry them read only the answered form question.
    expect(rows.map((r) => r.name)).toEqual([
      "registration_report_task_idx",
      "registration_report_unit_idx",
      "registration_test_idx",
      "report_rollup_units_form_idx",
    ]);
    expect(rows.find((r) => r.name === "report_rollup_units_form_idx")?.def).toMatch(
      /ON public\.report_rollup_units USING btree \(iso_year, iso_week, channel_code, municipality_id\) WHERE \(form IS NOT NULL\)/,
    );
    const def = (name: string) => rows.find((r) => r.name === name)?.def;
    expect(def("registration_test_idx")).toMatch(
      /ON public\.registration USING btree \(municipality_id, unit_id\) WHERE \(is_test = true\)/,
    );
    expect(def("registration_report_unit_idx")).toMatch(
      /ON public\.registration USING btree \(unit_id, occurred_at\) INCLUDE \(id, municipality_id, task_id, channel_code, contact_type_code, closure_code, form, source, quantity, iso_year, iso_week, in_counting_week, time_precision\) WHERE \(is_test = false\)/,
    );
    expect(def("registration_report_task_idx")).toMatch(
      /ON public\.registration USING btree \(task_id, municipality_id, occurred_at\) INCLUDE \(id, unit_id, channel_code, contact_type_code, closure_code, form, source, quantity, iso_year, iso_week, in_counting_week, time_precision\) WHERE \(is_test = false\)/,
    );
  });

  it("has every foreign key with its referential actions", async () => {
    const rows = await database.sql.query<{ def: string }>(
      `SELECT c.conrelid::regclass::text || ' ' || pg_get_constraintdef(c.oid) AS def
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
       WHERE c.contype = 'f' AND n.nspname = 'public'`,
    );
    const action = (value: string | undefined, fallback: string) =>
      ({ Cascade: "CASCADE", Restrict: "RESTRICT", SetNull: "SET NULL", NoAction: "NO ACTION", SetDefault: "SET DEFAULT" })[
        value ?? fallback
      ]!;
    const quote = (name: string) => (/^[a-z_][a-z0-9_]*$/.test(name) && name !== "user" ? name : `"${name}"`);
    const expected = dmmf.datamodel.models
      .flatMap((model) =>
        model.fields
          .filter((f) => f.kind === "object" && f.relationFromFields?.length)
          .map((f) => {
            const target = dmmf.datamodel.models.find((m) => m.name === f.type)!;
            const from = columnsOf(model, f.relationFromFields!);
            const to = columnsOf(target, f.relationToFields!);
            const optional = model.fields.filter((x) => f.relationFromFields!.includes(x.name)).some((x) => !x.isRequired);
            const onDelete = action(f.relationOnDelete as string | undefined, optional ? "SetNull" : "Restrict");
            return (
              `${quote(tableOf(model))} FOREIGN KEY (${from.join(", ")}) REFERENCES ${quote(tableOf(target))}(${to.join(", ")})` +
              ` ON UPDATE CASCADE ON DELETE ${onDelete}`
            );
          }),
      )
      .sort();
    const actual = rows.map((r) => r.def).sort();
    expect(actual).toEqual(expected);
  });
});
