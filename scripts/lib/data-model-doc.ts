import { readFileSync, writeFileSync } from "node:fs";
import { accessPatterns } from "../../shared/data/keys.ts";

/** docs/data-model.md's access-pattern table is generated from `accessPatterns` in shared/data/keys.ts. */
export const dataModelDocPath = new URL("../../docs/data-model.md", import.meta.url);
const start = "<!-- generated from accessPatterns in shared/data/keys.ts by `npm run docs`; do not edit by hand -->";
const end = "<!-- end of generated access patterns -->";

export function accessPatternTable(): string {
  const header = ["#", "Access pattern", "Served by"];
  const rows = accessPatterns.map((pattern) => [pattern.id, pattern.name, pattern.servedBy]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] as string).length)));
  const line = (cells: readonly string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] as number)).join(" | ")} |`;
  return [line(header), `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`, ...rows.map(line)].join("\n");
}

/** The document with its generated block replaced by the table built from the code. */
export function renderDataModelDoc(document: string): string {
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from)
    throw new Error(`docs/data-model.md lacks the markers of its generated access-pattern table:\n${start}\n${end}`);
  return `${document.slice(0, from)}${start}\n\n${accessPatternTable()}\n\n${document.slice(to)}`;
}

export function writeDataModelDoc(): void {
  const document = readFileSync(dataModelDocPath, "utf8");
  writeFileSync(dataModelDocPath, renderDataModelDoc(document));
}
