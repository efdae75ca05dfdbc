/**
 * `npm run bench`: measures the redirect and the billing-events consumer on a DynamoDB Local this run
 * starts (and stops), bundles the redirect as the stack deploys it, and writes every figure to
 * docs/benchmarks.md. Exits non-zero when a measurement fails or the run takes too long.
 *
 * This file only fixes the process environment before any project module loads (the logger reads its
 * level, the handler modules build their wiring, at import); bench/suite.ts does the work.
 */
const environmentDefaults = {
  // The redirect logs nothing below WARN on its hot path; the consumer's one INFO line per event is left out of the figures.
  POWERTOOLS_LOG_LEVEL: "WARN",
  POWERTOOLS_METRICS_DISABLED: "true",
  POWERTOOLS_SERVICE_NAME: "referral-ledger",
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  // DynamoDB Local would otherwise try to send usage telemetry: loopback only.
  DDB_LOCAL_TELEMETRY: "0",
};
for (const [name, value] of Object.entries(environmentDefaults)) process.env[name] ??= value;

// Ctrl-C or kill: exit through process.exit, whose hooks kill DynamoDB Local and the SQS server.
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}: stopping`);
    process.exit(130);
  });
}

// A full run takes about 8 minutes on a quiet 2-core machine (the settlement section alone, 10,000 accounts through the
// worker and again through the bare loop, about 4); BENCH_TIME_LIMIT_SECONDS raises the bound on a shared one.
const runLimitMilliseconds = Number(process.env.BENCH_TIME_LIMIT_SECONDS ?? 1200) * 1000;
const watchdog = setTimeout(() => {
  console.error(`bench: still running after ${runLimitMilliseconds / 1000} s: giving up (child processes are killed on exit)`);
  process.exit(1);
}, runLimitMilliseconds);
watchdog.unref();

try {
  const { runSuite } = await import("./suite.ts");
  await runSuite();
  process.exitCode = 0;
} catch (error) {
  console.error("bench: FAILED:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
} finally {
  clearTimeout(watchdog);
}
// Children are stopped by now; exit even if a keep-alive socket or timer lingers.
process.exit(process.exitCode);
