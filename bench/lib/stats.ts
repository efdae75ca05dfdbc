/** Small statistics and timing helpers for the benchmarks. */

/** The q-quantile (0..1) of the samples, nearest-rank. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error("no samples");
  const sorted = [...samples].sort((left, right) => left - right);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(samples: readonly number[]): number {
  return quantile(samples, 0.5);
}

/** Milliseconds since `started` (from process.hrtime.bigint()). */
export function millisecondsSince(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

export interface CpuAndWall {
  /** User + system CPU of this process, in microseconds. */
  readonly cpuMicroseconds: number;
  readonly wallMilliseconds: number;
}

/** Runs `work` and reports the CPU this process spent (all threads) and the wall-clock time. */
export async function measureCpuAndWall(work: () => Promise<void>): Promise<CpuAndWall> {
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await work();
  const wallMilliseconds = millisecondsSince(started);
  const cpu = process.cpuUsage(cpuBefore);
  return { cpuMicroseconds: cpu.user + cpu.system, wallMilliseconds };
}

/** Formats a number for the report: integers as is, others with `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  return Number.isInteger(value)
    ? value.toLocaleString("en-US")
    : value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
