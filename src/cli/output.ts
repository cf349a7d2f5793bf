// How the CLI prints: aligned tables and field lists for people, JSON for scripts.
import { writeFileSync } from 'node:fs';

export function printJson(value: unknown): void {
  console.log(JSON.stringify(value, null, 2));
}

/** Columns padded to their widest cell, headers in capitals. */
export function formatTable(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [line(headers.map((h) => h.toUpperCase())), ...rows.map(line)].join('\n');
}

/** `Label:  value` lines with the values aligned. */
export function formatFields(fields: [string, string][]): string {
  const width = Math.max(...fields.map(([label]) => label.length + 1));
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)}  ${value}`).join('\n');
}

/** An exported document: to the --out file (saying so, unless --json), else as JSON on standard output. */
export function writeExport(document: unknown, values: { out?: string; json?: boolean }): void {
  if (!values.out) return printJson(document);
  writeFileSync(values.out, `${JSON.stringify(document, null, 2)}\n`);
  if (!values.json) console.log(`Wrote ${values.out}`);
}
