import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataModelDocPath, renderDataModelDoc } from "../../scripts/lib/data-model-doc.ts";
import { accessPatterns } from "../../shared/data/keys.ts";

describe("docs/data-model.md's access-pattern table", () => {
  const document = readFileSync(dataModelDocPath, "utf8");

  it("is the one generated from accessPatterns in shared/data/keys.ts", () => {
    expect(document, "docs/data-model.md is stale: run `npm run docs` after changing accessPatterns in shared/data/keys.ts").toBe(
      renderDataModelDoc(document),
    );
  });

  it("lists each access pattern once, numbered in increasing order (blocks of numbers may be reserved for work in flight)", () => {
    const numbers = accessPatterns.map((pattern) => Number(/^AP(\d+)$/.exec(pattern.id)?.[1]));
    expect(numbers[0]).toBe(1);
    for (const [index, number] of numbers.entries()) {
      expect(Number.isInteger(number), accessPatterns[index]!.id).toBe(true);
      if (index > 0) expect(number, accessPatterns[index]!.id).toBeGreaterThan(numbers[index - 1]!);
    }
  });

  it("changes when an access pattern changes (the check can fail)", () => {
    const edited = document.replace("| Read the operator configuration ", "| Read the configuration          ");
    expect(edited).not.toBe(document);
    expect(renderDataModelDoc(edited)).not.toBe(edited);
  });
});
