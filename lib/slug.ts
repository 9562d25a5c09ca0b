/** "Forår 2027" → "foraar-2027": a readable, URL-safe code from a Danish name (fallback when nothing is left). */
export function danishSlug(name: string, fallback: string): string {
  const base = name
    .toLowerCase()
    .replace(/æ/g, "ae")
    .replace(/ø/g, "oe")
    .replace(/å/g, "aa")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents left over from é, ü …
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return base || fallback;
}

/** The code, or the code with the first free suffix ("-2", "-3", …) among those taken. */
export function firstFreeCode(base: string, taken: Set<string>): string {
  let code = base;
  for (let n = 2; taken.has(code); n++) code = `${base}-${n}`;
  return code;
}
