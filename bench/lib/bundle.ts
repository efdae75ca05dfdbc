/**
 * Bundles a function the way the CDK stack does and measures the bundle and its cold module-load time
 * next to an empty Node process.
 *
 * The esbuild options are infra/constructs/ledger-function.ts's (NodejsFunction bundling: minified ESM,
 * mainFields module then main, an external source map), with its target, banner and external modules
 * from infra/bundling.ts. Functions leave @aws-sdk/* to the Lambda runtime, which ships it, unless their
 * catalog entry bundles it (`bundlesAwsSdk`: the redirect, whose cold start a visitor waits on).
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { esbuildTarget, esmRequireBanner, externalModulesOf } from "../../infra/bundling.ts";
import { buildWidget, widgetGzipBytesMax } from "../../widget/build.ts";
import { median } from "./stats.ts";

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
  /** The SDK inlined but for the credential chain's fallbacks (infra/bundling.ts), as the redirect is deployed. */
  readonly bytesSelfContained: number;
  /** What makes up the SDK-external bundle, largest first. */
  readonly contributors: readonly BundleContributor[];
  /** What makes up the self-contained bundle, largest first. */
  readonly contributorsSelfContained: readonly BundleContributor[];
  readonly runs: number;
  readonly emptyModule: LoadTimes;
  /** The deployed bundle, the SDK resolved from node_modules (the runtime's copy in AWS). */
  readonly sdkExternal: LoadTimes;
  readonly selfContained: LoadTimes;
  /**
   * The share of the machine's CPU time that processes other than this bench and its spawns used during
   * the series (0 to 1; Linux /proc only, else undefined): other processes slow every spawn alike.
   */
  readonly otherProcessesCpuShare: number | undefined;
  /**
   * The `<referral-dashboard>` script as widget/build.ts builds it for the get-widget function: minified and gzipped
   * bytes, and the issue's gzipped budget (test/unit/widget-bundle.test.ts fails above it). Absent in figures measured
   * before the widget existed.
   */
  readonly widgetScript?: { readonly bytes: number; readonly gzipBytes: number; readonly gzipBudgetBytes: number };
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
    target: esbuildTarget,
    mainFields: ["module", "main"],
    external,
    banner: { js: esmRequireBanner },
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

interface CpuSnapshot {
  /** Non-idle CPU time of the whole machine, in clock ticks (/proc/stat). */
  readonly machineBusyTicks: number;
  readonly machineTotalTicks: number;
  /** CPU time of this process and its waited-for children, in clock ticks (/proc/self/stat). */
  readonly ownTicks: number;
}

function cpuSnapshot(): CpuSnapshot | undefined {
  if (!existsSync("/proc/stat") || !existsSync("/proc/self/stat")) return undefined;
  const machine = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idleTicks = (machine[3] ?? 0) + (machine[4] ?? 0);
  const machineTotalTicks = machine.reduce((sum, ticks) => sum + ticks, 0);
  // Fields after the command name's closing parenthesis: utime, stime, cutime, cstime are the 12th to 15th.
  const own = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ").map(Number);
  const ownTicks = (own[11] ?? 0) + (own[12] ?? 0) + (own[13] ?? 0) + (own[14] ?? 0);
  return { machineBusyTicks: machineTotalTicks - idleTicks, machineTotalTicks, ownTicks };
}

function otherProcessesCpuShare(before: CpuSnapshot | undefined, after: CpuSnapshot | undefined): number | undefined {
  if (!before || !after || after.machineTotalTicks <= before.machineTotalTicks) return undefined;
  const others = after.machineBusyTicks - before.machineBusyTicks - (after.ownTicks - before.ownTicks);
  return Math.min(1, Math.max(0, others / (after.machineTotalTicks - before.machineTotalTicks)));
}

/** Each loader `runs` times, the loaders taking turns (so a change in the machine's load hits all of them alike). */
function measureLoads<Name extends string>(
  loaders: Record<Name, string>,
  runs: number,
  environment: NodeJS.ProcessEnv,
): Record<Name, LoadTimes> {
  const names = Object.keys(loaders) as Name[];
  const samples = new Map(names.map((name) => [name, { process: [] as number[], import: [] as number[] }]));
  for (let run = 0; run < runs; run += 1) {
    for (const name of run % 2 === 0 ? names : [...names].reverse()) {
      const loader = loaders[name];
      const started = process.hrtime.bigint();
      const result = spawnSync(process.execPath, [loader], { env: environment, stdio: "pipe" });
      const processMilliseconds = Number(process.hrtime.bigint() - started) / 1e6;
      if (result.status !== 0) throw new Error(`node ${loader} failed (${result.status}): ${result.stderr.toString().slice(-2000)}`);
      const importMilliseconds = Number(result.stdout.toString().trim());
      if (!Number.isFinite(importMilliseconds))
        throw new Error(`node ${loader} printed no import time: ${result.stdout.toString().slice(0, 200)}`);
      samples.get(name)!.process.push(processMilliseconds);
      samples.get(name)!.import.push(importMilliseconds);
    }
  }
  return Object.fromEntries(
    names.map((name) => {
      const series = samples.get(name)!;
      return [name, { processMillisecondsMedian: median(series.process), importMillisecondsMedian: median(series.import) }];
    }),
  ) as Record<Name, LoadTimes>;
}

/**
 * Bundles `entry` twice (SDK external, and self-contained as the redirect is deployed) and loads each
 * `runs` times in a fresh Node process next to an empty module, taking turns. `workDirectory` must lie inside the repository, so the
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
  const sdkExternal = await bundleTo(entry, sdkExternalFile, externalModulesOf({ bundlesAwsSdk: false }));
  const selfContained = await bundleTo(entry, selfContainedFile, externalModulesOf({ bundlesAwsSdk: true }));
  writeFileSync(emptyFile, "");
  const loaders = {
    empty: writeLoader(workDirectory, "empty", emptyFile),
    sdkExternal: writeLoader(workDirectory, "sdk-external", sdkExternalFile),
    selfContained: writeLoader(workDirectory, "self-contained", selfContainedFile),
  };
  // One warm-up spawn each fills the OS file cache.
  measureLoads(loaders, 1, environment);
  const cpuBefore = cpuSnapshot();
  const loads = measureLoads(loaders, runs, environment);
  const cpuAfter = cpuSnapshot();
  const widget = await buildWidget();
  return {
    entry,
    bytesSdkExternal: sdkExternal.bytes,
    bytesSelfContained: selfContained.bytes,
    contributors: contributorsOf(sdkExternal.metafile),
    contributorsSelfContained: contributorsOf(selfContained.metafile),
    runs,
    emptyModule: loads.empty,
    sdkExternal: loads.sdkExternal,
    selfContained: loads.selfContained,
    otherProcessesCpuShare: otherProcessesCpuShare(cpuBefore, cpuAfter),
    widgetScript: { bytes: widget.bytes, gzipBytes: widget.gzipBytes, gzipBudgetBytes: widgetGzipBytesMax },
  };
}
