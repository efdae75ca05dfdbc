import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * shared/domain uses the types of shared/schemas (items, configuration, messages); when shared/schemas
 * also imports from shared/domain, the two folders form a loop and neither can be read or moved alone.
 * What both need (limits, validators) lives in shared/ itself: shared/limits.ts, shared/validators.ts.
 * This walks every import of the files under shared/, type-only ones included, and fails on a folder
 * loop between shared/domain and shared/schemas.
 */
const sharedRoot = resolve(import.meta.dirname, "../../shared");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** Each import from one file to another under shared/, as [importer, imported], relative to shared/. */
function imports(files: readonly string[]): [string, string][] {
  return files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)].map((match): [string, string] => [
      relative(sharedRoot, file),
      relative(sharedRoot, resolve(dirname(file), match[1] as string)),
    ]),
  );
}

function importsAcross(edges: readonly [string, string][], from: string, to: string): string[] {
  return edges.filter(([importer, imported]) => importer.startsWith(from) && imported.startsWith(to)).map(([a, b]) => `${a} → ${b}`);
}

describe("the import graph of shared/", () => {
  const edges = imports(sourceFiles(sharedRoot));

  it("has shared/domain using shared/schemas and not the other way round", () => {
    expect(importsAcross(edges, "domain/", "schemas/").length).toBeGreaterThan(0); // the walker sees imports at all
    expect(
      importsAcross(edges, "schemas/", "domain/"),
      "shared/schemas must not import shared/domain: move what both need to shared/limits.ts or shared/validators.ts",
    ).toEqual([]);
  });
});

/**
 * Wiring happens at the edge (functions/wiring/, the handler modules): a use case receives its stores,
 * clock and configuration and never builds them. This reads every file under shared/use-cases/ and fails
 * on a value import of the runtime configuration, the shared clients, the default table or the system
 * clock, or on a call to a store, sender or table factory.
 */
describe("the use-case layer", () => {
  const useCaseFiles = sourceFiles(join(sharedRoot, "use-cases"));

  it("builds no store, client, configuration or clock of its own", () => {
    expect(useCaseFiles.length).toBeGreaterThan(10); // the walker sees the use cases at all
    const wiring = useCaseFiles.flatMap((file) => {
      const source = readFileSync(file, "utf8");
      const found = [
        ...source.matchAll(/\b(create\w+(?:Store|Sender|Dependencies)|defaultTableContext|sharedDocumentClient|sharedQueueClient)\s*\(/g),
        ...source.matchAll(/\b(systemClock|runtimeConfig|hashSaltOrThrow)\b/g),
        ...source.matchAll(/^import (?!type )[^;]*from "\.\.\/(config|data\/client|data\/table-context)\.ts"/gm),
      ];
      return found.map((match) => `${relative(sharedRoot, file)}: ${match[1] ?? match[0]}`);
    });
    expect(wiring, "move it to functions/wiring/ and pass it in").toEqual([]);
  });
});
