/**
 * Bundles a function the way the CDK stack does and measures the bundle and its cold module-load time
 * next to an empty Node process.
 *
 * The esbuild options mirror infra/constructs/ledger-function.ts (NodejsFunction bundling: minified
 * ESM, target node24, mainFields module then main, the createRequire banner, an external source map);
 * keep the two in step. Functions leave @aws-sdk/* to the Lambda runtime, which ships it, unless their
 * catalog entry bundles it (`bundlesAwsSdk`: the redirect, whose cold start a visitor waits on).
 */

import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { median } from "./stats.ts";

/** infra/constructs/ledger-function.ts: esbuildTarget and esmRequireBanner. */
const deployedTarget = "node24";
const deployedBanner =
  "import { createRequire as topLevelCreateRequire } from 'node:module'; const require = topLevelCreateRequire(import.meta.url);";

export interface BundleContributor {
  /** An npm package (`zod`, `@aws-lambda-powertools/logger`) or a folder of this repository (`shared/data`). */
  readonly name: string;
  readonly bytes: number;
}

export interface LoadTimes {
  /** Median wall time of `node <loader>` from spawn to exit. */
  readonly processMillisecondsMedian: number;
  /** Median time of the `await import()` of the module inside that process. */
  readonly importMillisecondsMedian: number;
}

export interface BundleFigures {
  readonly entry: string;
  /** With @aws-sdk/* external, as deployed on a Node 22/24 runtime that ships the SDK. */
  readonly bytesSdkExternal: number;
  /** Everything inlined, the worst case (a runtime without the SDK). */
  readonly bytesSelfContained: number;
  /** What makes up the deployed (SDK-external) bundle, largest first. */
  readonly contributors: readonly BundleContributor[];
  readonly runs: number;
  readonly emptyModule: LoadTimes;
  /** The deployed bundle, the SDK resolved from node_modules (the runtime's copy in AWS). */
  readonly sdkExternal: LoadTimes;
  readonly selfContained: LoadTimes;
}

async function bundleTo(entry: string, outfile: string, external: string[]): Promise<{ bytes: number; metafile: Metafile }> {
  const result = await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    sourcemap: true,
    platform: "node",
    format: "esm",
    target: deployedTarget,
    mainFields: ["module", "main"],
    external,
    banner: { js: deployedBanner },
    metafile: true,
    logLevel: "silent",
  });
  return { bytes: statSync(outfile).size, metafile: result.metafile };
}

/** Bytes in the output by npm package or repository folder. */
function contributorsOf(metafile: Metafile): BundleContributor[] {
  const bytesByName = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      if (input.bytesInOutput === 0) continue;
      const packageName = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
      const name = packageName ?? path.split("/").slice(0, -1).join("/");
      bytesByName.set(name, (bytesByName.get(name) ?? 0) + input.bytesInOutput);
    }
  }
  return [...bytesByName].map(([name, bytes]) => ({ name, bytes })).sort((left, right) => right.bytes - left.bytes);
}

/** A script that imports `modulePath`, prints how long the import took, and exits. */
function writeLoader(workDirectory: string, name: string, modulePath: string): string {
  const loader = join(workDirectory, `load-${name}.mjs`);
  writeFileSync(
    loader,
    [
      "const started = process.hrtime.bigint();",
      `await import(${JSON.stringify(pathToFileURL(modulePath).href)});`,
      "process.stdout.write(String(Number(process.hrtime.bigint() - started) / 1e6));",
      "",
    ].join("\n"),
  );
  return loader;
}

function measureLoad(loader: string, runs: number, environment: NodeJS.ProcessEnv): LoadTimes {
  const processSamples: number[] = [];
  const importSamples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, [loader], { env: environment, stdio: "pipe" });
    processSamples.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (result.status !== 0) throw new Error(`node ${loader} failed (${result.status}): ${result.stderr.toString().slice(-2000)}`);
    const importMilliseconds = Number(result.stdout.toString().trim());
    if (!Number.isFinite(importMilliseconds))
      throw new Error(`node ${loader} printed no import time: ${result.stdout.toString().slice(0, 200)}`);
    importSamples.push(importMilliseconds);
  }
  return { processMillisecondsMedian: median(processSamples), importMillisecondsMedian: median(importSamples) };
}

/**
 * Bundles `entry` twice (SDK external as deployed, and self-contained) and loads each `runs` times in a
 * fresh Node process next to an empty module. `workDirectory` must lie inside the repository, so the
 * SDK-external bundle resolves @aws-sdk/* from its node_modules as the runtime would from its own.
 * `environment` must satisfy the function's cold start (TABLE_NAME...): the handler module builds its
 * wiring at load.
 */
export async function measureBundle(
  entry: string,
  workDirectory: string,
  environment: NodeJS.ProcessEnv,
  runs = 15,
): Promise<BundleFigures> {
  mkdirSync(workDirectory, { recursive: true });
  const sdkExternalFile = join(workDirectory, "sdk-external.mjs");
  const selfContainedFile = join(workDirectory, "self-contained.mjs");
  const emptyFile = join(workDirectory, "empty.mjs");
  const sdkExternal = await bundleTo(entry, sdkExternalFile, ["@aws-sdk/*"]);
  const selfContained = await bundleTo(entry, selfContainedFile, []);
  writeFileSync(emptyFile, "");
  const loaders = {
    empty: writeLoader(workDirectory, "empty", emptyFile),
    sdkExternal: writeLoader(workDirectory, "sdk-external", sdkExternalFile),
    selfContained: writeLoader(workDirectory, "self-contained", selfContainedFile),
  };
  // Interleaved would be fairer under noise, but each series is short; one warm-up spawn fills the OS file cache.
  measureLoad(loaders.selfContained, 1, environment);
  measureLoad(loaders.sdkExternal, 1, environment);
  return {
    entry,
    bytesSdkExternal: sdkExternal.bytes,
    bytesSelfContained: selfContained.bytes,
    contributors: contributorsOf(sdkExternal.metafile),
    runs,
    emptyModule: measureLoad(loaders.empty, runs, environment),
    sdkExternal: measureLoad(loaders.sdkExternal, runs, environment),
    selfContained: measureLoad(loaders.selfContained, runs, environment),
  };
}
