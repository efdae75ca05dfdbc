import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { credentialChainFallbacks, esbuildTarget, externalModulesOf } from "../../infra/bundling.ts";
import { functionSpecs } from "../../infra/catalog.ts";

/**
 * The redirect is the hot, public path: its bundle must stay small and its cold start short. This
 * bundles it like the stack does and checks which of our modules it pulls in.
 */
describe("the redirect function's import graph", () => {
  it("does not include the OpenAPI generator, the route registry, the referral store or other heavy modules", async () => {
    const result = await build({
      entryPoints: ["functions/http/redirect.ts"],
      bundle: true,
      write: false,
      minify: true,
      platform: "node",
      format: "esm",
      target: "node22",
      external: ["@aws-sdk/*"],
      metafile: true,
      logLevel: "silent",
    });
    // Every module the graph imports, including those tree-shaken away afterwards.
    const imported = Object.keys(result.metafile.inputs);
    // Link creation, attribution and stats: the redirect resolves codes and counts clicks through shared/data/click-store.ts.
    expect(imported.filter((input) => /shared\/data\/referral-store\.ts$|shared\/schemas\/api\.ts$/.test(input))).toEqual([]);
    // Modules that contribute code to the bundle.
    const inputs = Object.values(result.metafile.outputs).flatMap((output) =>
      Object.entries(output.inputs)
        .filter(([, input]) => input.bytesInOutput > 0)
        .map(([path]) => path),
    );
    expect(inputs).toContain("shared/data/click-store.ts");
    expect(inputs.filter((input) => /openapi|api-routes|infra\/|aws-cdk|fast-check|ledger/.test(input))).toEqual([]);
    // `import { z } from "zod"` anywhere in the graph drags in every zod locale (~250 KB): use `import * as z from "zod"`.
    expect(inputs.filter((input) => /zod\/v4\/locales\/(?!en\.js)/.test(input))).toEqual([]);
    const bytes = result.outputFiles[0]!.contents.byteLength;
    expect(bytes).toBeLessThan(150 * 1000); // the aim: under 150 kB (about 75 kB now); npm run bench reports the figure
  });

  // The self-contained bundle, as deployed (infra/bundling.ts).
  const deployed = () =>
    build({
      entryPoints: ["functions/http/redirect.ts"],
      bundle: true,
      write: false,
      platform: "node",
      format: "esm",
      target: esbuildTarget,
      mainFields: ["module", "main"],
      external: externalModulesOf(functionSpecs.find((spec) => spec.name === "redirect")!),
      metafile: true,
      logLevel: "silent",
    });

  it("parses with zod/mini, not full zod, and runs without middy (cold start: docs/benchmarks.md)", async () => {
    const result = await deployed();
    // Imported at all, tree-shaken or not.
    const imported = Object.keys(result.metafile.inputs);
    expect(imported.some((input) => /node_modules\/zod\/v4\/mini\//.test(input))).toBe(true); // the walker sees zod at all
    expect(imported.filter((input) => /node_modules\/zod\/v4\/classic\/|node_modules\/@middy\/core\//.test(input))).toEqual([]);
    // The full schemas of stored items and of the configuration: the redirect reads its views of them (shared/schemas/resolved-code.ts, redirect-config.ts).
    expect(
      imported.filter((input) =>
        /shared\/schemas\/(operator-config|items|common)\.ts$|shared\/data\/operator-config-store\.ts$/.test(input),
      ),
    ).toEqual([]);
  });

  it("loads the credential chain's fallbacks, left out of the bundle, only by dynamic import (never at load)", async () => {
    const result = await deployed();
    const externalImports = Object.values(result.metafile.outputs)
      .flatMap((output) => output.imports)
      .filter((entry) => entry.external && !entry.path.startsWith("node:"));
    expect(externalImports.map((entry) => entry.path).sort()).toEqual([...credentialChainFallbacks].sort());
    expect(externalImports.filter((entry) => entry.kind !== "dynamic-import")).toEqual([]);
  });
});
