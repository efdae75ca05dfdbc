/**
 * Bundles a function the way the CDK stack does (esbuild, minified, ESM, node22 target, AWS SDK v3
 * left to the Lambda runtime) and measures the bundle and its cold module-load time next to an empty
 * Node process.
 */
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface BundleFigures {
  readonly entry: string;
  /** With @aws-sdk/* external, as deployed on a Node 22/24 runtime that ships the SDK. */
  readonly bytesSdkExternal: number;
  /** Everything inlined, the worst case (a runtime without the SDK). */
  readonly bytesSelfContained: number;
  readonly coldLoadMillisecondsMedian: number;
  readonly emptyNodeMillisecondsMedian: number;
}

const banner = "import { createRequire as __createRequire } from 'module'; const require = __createRequire(import.meta.url);";

async function bundleTo(entry: string, outfile: string, external: string[]): Promise<number> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node22",
    external,
    banner: { js: banner },
    logLevel: "silent",
  });
  return statSync(outfile).size;
}

function medianMilliseconds(args: string[], runs: number, environment: NodeJS.ProcessEnv): number {
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { env: environment, stdio: "pipe" });
    if (result.status !== 0) throw new Error(`node ${args.join(" ")} failed: ${result.stderr.toString()}`);
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  samples.sort((left, right) => left - right);
  return samples[Math.floor(samples.length / 2)]!;
}

export async function measureBundle(entry: string, workDirectory: string, environment: NodeJS.ProcessEnv, runs = 15): Promise<BundleFigures> {
  mkdirSync(workDirectory, { recursive: true });
  const external = join(workDirectory, "sdk-external.mjs");
  const selfContained = join(workDirectory, "self-contained.mjs");
  const bytesSdkExternal = await bundleTo(entry, external, ["@aws-sdk/*"]);
  const bytesSelfContained = await bundleTo(entry, selfContained, []);
  const loader = join(workDirectory, "load.mjs");
  writeFileSync(loader, `await import(${JSON.stringify(selfContained)});\n`);
  const emptyNodeMillisecondsMedian = medianMilliseconds(["-e", ""], runs, environment);
  const coldLoadMillisecondsMedian = medianMilliseconds([loader], runs, environment);
  return { entry, bytesSdkExternal, bytesSelfContained, coldLoadMillisecondsMedian, emptyNodeMillisecondsMedian };
}
