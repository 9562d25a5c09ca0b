// The management report's print stylesheet for A4: a running header (the scope and the round) and
// page numbers in the page's margin boxes (@page @top-left …, Chromium 131 and later). The header's
// text comes from the database, so it is written as a CSS string with every character that could end
// the string, the rule or the <style> element escaped.

/** A CSS string literal: quotes, backslashes, line breaks, angle brackets and & as hex escapes. */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"'<>&\r\n\f\u2028\u2029]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** The @page rules of the printed report: A4, margins, running header left and right, "Side 2 af 9" bottom right. */
export function managementPrintCss(header: string, title: string): string {
  const small = "font-family: system-ui, sans-serif; font-size: 8.5pt; color: #1e293b;";
  return `@media print {
  @page {
    size: A4 portrait;
    margin: 20mm 15mm 18mm 15mm;
    @top-left { content: ${cssString(header)}; ${small} }
    @top-right { content: ${cssString(title)}; ${small} }
    @bottom-right { content: "Side " counter(page) " af " counter(pages); ${small} }
  }
}`;
}
