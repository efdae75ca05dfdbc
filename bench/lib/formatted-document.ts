/**
 * Documents as the repository's formatter lays them out (Markdown tables padded and aligned, JSON), so the files the
 * bench and `npm run docs` write pass `biome ci`, and a staleness test can compare them byte for byte.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));

/** `text` formatted by biome as if it were the file at `repositoryPath` (relative to the repository root). */
export function formatDocument(text: string, repositoryPath: string): string {
  const result = spawnSync(`${repositoryRoot}node_modules/.bin/biome`, ["format", `--stdin-file-path=${repositoryPath}`], {
    cwd: repositoryRoot,
    input: text,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`biome could not format ${repositoryPath}: ${result.stderr || result.error?.message}`);
  return result.stdout;
}

export function writeFormattedDocument(repositoryPath: string, text: string): void {
  writeFileSync(`${repositoryRoot}${repositoryPath}`, formatDocument(text, repositoryPath));
}
