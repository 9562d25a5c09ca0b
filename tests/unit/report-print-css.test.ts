import { describe, expect, it } from "vitest";
import { cssString, managementPrintCss } from "@/lib/reports/print-css";

// The running header's text comes from the database and goes into a <style> element: nothing in it
// may end the CSS string or the element.

describe("the management report's print CSS", () => {
  it("escapes what could end the string, the rule or the style element", () => {
    expect(cssString('Køge "Kommune"')).toBe('"Køge \\22 Kommune\\22 "');
    const hostile = cssString('x"; } body { display: none } </style><script>alert(1)</script>\\\n');
    expect(hostile.slice(1, -1)).not.toMatch(/["<>\n]/);
    expect(hostile).not.toContain("</style");
    expect(hostile).toContain("\\3c /style\\3e ");
  });

  it("puts the header, the title and page numbers in the A4 page's margin boxes", () => {
    const css = managementPrintCss("Køge Kommune · Efterår 2026", "Afrapportering");
    expect(css).toContain("size: A4 portrait");
    expect(css).toContain('@top-left { content: "Køge Kommune · Efterår 2026"');
    expect(css).toContain('@bottom-right { content: "Side " counter(page) " af " counter(pages)');
  });
});
