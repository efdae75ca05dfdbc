/**
 * `npm start`: the whole system on this machine (see scripts/lib/local-stack.ts and
 * docs/local-stack.md). Prints where everything is, runs until Ctrl-C, then stops every part and
 * DynamoDB Local's Java process and exits 0.
 *
 * Environment: PORT (HTTP API, default 3000; 0 = any free port), SQS_PORT (default 9324),
 * DYNAMODB_PORT (default 8000), DEMO_PORT (the widget's demo host page, default 3001), LOCAL_DATA_DIR (default .local/), VISIBILITY_TIMEOUT_SECONDS
 * (billing-events, default 5). A default port that is taken falls back to a free one; a port you set
 * explicitly must be free.
 */
import { createServer } from "node:net";
import { relative } from "node:path";
import { billingEventsConsumer, schedules, settlementWorker } from "../infra/catalog.ts";
import { localVisibilityTimeoutSeconds, type RunningLocalStack, startLocalStack } from "./lib/local-stack.ts";
import { defaultDataDirectory, readStackState, repositoryRoot, stackStatePath } from "./lib/stack-state.ts";

async function isPortFree(port: number): Promise<boolean> {
  return await new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** An explicit setting is used as is; a default that is taken falls back to a free port (0). */
async function choosePort(variable: string, defaultPort: number): Promise<number> {
  const explicit = process.env[variable];
  if (explicit !== undefined && explicit !== "") {
    const port = Number(explicit);
    if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`${variable}=${explicit} is not a port number`);
    return port;
  }
  if (await isPortFree(defaultPort)) return defaultPort;
  console.log(
    `warning: port ${defaultPort} is in use by another process; ${variable} falls back to a free port (set ${variable} to choose one)`,
  );
  movedPorts.push({ variable, defaultPort });
  return 0;
}

/** Defaults that were taken at start: the banner repeats the warning with the port actually used. */
const movedPorts: { variable: string; defaultPort: number }[] = [];

function movedPortWarnings(stack: RunningLocalStack, dataDirectory: string): string[] {
  const used: Record<string, string> = {
    PORT: stack.apiUrl,
    SQS_PORT: stack.sqsEndpoint,
    DYNAMODB_PORT: stack.dynamoDbEndpoint,
    DEMO_PORT: stack.demoHostUrl ?? "none",
  };
  return movedPorts.map(
    ({ variable, defaultPort }) =>
      `warning: port ${defaultPort} is in use by another process, so ${variable} moved to ${used[variable]}; ` +
      `scripts read the endpoints from ${relative(process.cwd(), stackStatePath(dataDirectory))}`,
  );
}

function positiveIntegerFromEnvironment(variable: string, fallback: number): number {
  const text = process.env[variable];
  if (text === undefined || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${variable}=${text} must be a positive integer`);
  return value;
}

function formatInZone(instant: Date | undefined, timeZone: string): string {
  if (!instant) return "never";
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  })
    .format(instant)
    .replace(",", "");
}

/** The banner: every endpoint, and one command for each thing a developer wants to try. */
function bannerText(stack: RunningLocalStack, dataDirectory: string, visibilityTimeoutSeconds: number): string {
  const shown = (path: string) => relative(process.cwd(), path) || ".";
  const api = stack.apiUrl;
  const planned = stack.plannedRuns();
  const scheduleLines = schedules.map((schedule) => {
    const run = planned.find((candidate) => candidate.scheduleName === schedule.name);
    const next = run ? `next ${formatInZone(run.at, run.timeZone)} ${run.timeZone}` : "not scheduled";
    return `    ${schedule.name.padEnd(20)} ${schedule.cron.padEnd(22)} ${next}`;
  });
  // AWS CLI v1 reads neither AWS_REGION nor AWS_ENDPOINT_URL_SQS: AWS_DEFAULT_REGION and --endpoint-url work in v1 and v2.
  const cliEnvironment = "AWS_DEFAULT_REGION=eu-central-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local";
  return [
    "",
    `Referral ledger: local stack ready (pid ${process.pid})`,
    "",
    ...movedPortWarnings(stack, dataDirectory).flatMap((line) => [line, ""]),
    `  HTTP API (API Gateway payload 2.0)   ${api}`,
    `  Widget demo host page                ${stack.demoHostUrl}/?account=acct-1001&program=zadarma-partner&locale=en`,
    `                                       <referral-dashboard> from ${api}/widget/referral-dashboard.js (docs/widget.md)`,
    `  DynamoDB Local                       ${stack.dynamoDbEndpoint}   table ${stack.tableName}, data in ${shown(dataDirectory)}/dynamodb`,
    `  SQS (local-aws-sqs)                  ${stack.sqsEndpoint}   queues in memory: stopping or a crash loses unconsumed messages`,
    `    billing-events                     ${stack.queueUrls.billingEvents}`,
    `                                       visibility ${visibilityTimeoutSeconds} s, dead-letter after ${billingEventsConsumer.maxReceiveCount} receives`,
    `    billing-events-dlq                 ${stack.queueUrls.billingEventsDeadLetter}`,
    `    outbound.fifo                      ${stack.queueUrls.outbound}`,
    `    settlement                         ${stack.queueUrls.settlement}`,
    `                                       settlement runs' work items, fed to settlement-work; dead-letter after ${settlementWorker.maxReceiveCount} receives`,
    `    settlement-dlq                     ${stack.queueUrls.settlementDeadLetter}`,
    `  Operator configuration               demo-operator, five programs (${stack.seededDemoOperator ? "seeded now" : "already in the table, kept"})`,
    "  Schedules",
    ...scheduleLines,
    "",
    "Try the link flow (dev tokens: 'Bearer dev:<accountId>' is that account, 'Bearer dev:operator' the operator):",
    `  curl -s -H 'authorization: Bearer dev:acct-1001' ${api}/accounts/acct-1001/referral`,
    `  curl -si -A 'Mozilla/5.0' '${api}/r/<code>/pricing?utm_source=newsletter'   # 302 with ref_click=<clickId> (curl's own user agent counts as a bot)`,
    `  curl -s -X POST -H 'authorization: Bearer dev:operator' -H 'content-type: application/json' \\`,
    `       -d '{"refereeAccountId":"acct-2002","clickId":"<clickId>"}' ${api}/attributions`,
    `  curl -s ${api}/openapi.json`,
    "",
    "Billing events (any SQS client; this AWS CLI command works with v1 and v2):",
    `  ${cliEnvironment} \\`,
    `    aws --endpoint-url ${stack.sqsEndpoint} sqs send-message --queue-url ${stack.queueUrls.billingEvents} --message-body file://event.json`,
    "  npm run demo                                      # scripted scenario with the real SDK",
    "  npm run dlq -- list | npm run dlq -- redrive      # dead-letter queue (add --queue outbound to read outbound.fifo)",
    "",
    "Run a job now, for a given date (00:00 of that day in the operator's time zone):",
    "  npm run job -- settle-commissions --date 2026-11-15   # fans out on the settlement queue; progress:",
    `  curl -s -H 'authorization: Bearer dev:operator' ${api}/settlements/zadarma-partner/2026-11-1`,
    "  npm run job -- expire-discounts --date 2026-11-21",
    "  npm run job -- relay-outbox                       # resend unsent outboxes older than a minute (also fires every minute)",
    "",
    `Endpoints for scripts: ${shown(stackStatePath(dataDirectory))}. Stop with Ctrl-C.`,
    "",
  ].join("\n");
}

// The SDK warns on every start that its 2027 releases need Node 22; the local tools run on Node 20 on
// purpose (the Lambda runtimes are 22/24), so the warning is known and only hides the output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Set by the first SIGINT/SIGTERM/SIGHUP. */
let stoppingSinceMilliseconds: number | undefined;

async function main(): Promise<void> {
  const dataDirectory = defaultDataDirectory();
  const visibilityTimeoutSeconds = positiveIntegerFromEnvironment("VISIBILITY_TIMEOUT_SECONDS", localVisibilityTimeoutSeconds);

  // Signals are handled from the first moment: one that arrives while the stack starts stops it as
  // soon as it is up, so DynamoDB Local is never orphaned.
  let stack: RunningLocalStack | undefined;
  const stopAndExit = () => {
    // Nothing may keep the process alive after stop: a hard deadline backs up the clean path.
    const deadline = setTimeout(() => {
      console.error("the local stack did not stop within 15 s; exiting anyway");
      process.exit(1);
    }, 15_000);
    deadline.unref();
    stack!
      .stop()
      .then(() => {
        console.log("stopped.");
        process.exit(0);
      })
      .catch((error: unknown) => {
        console.error("error while stopping", error);
        process.exit(1);
      });
  };
  const shutdown = (signal: NodeJS.Signals) => {
    if (stoppingSinceMilliseconds !== undefined) {
      // Ctrl-C reaches us twice (directly and relayed by the tsx/npm wrappers): only a later one is news.
      if (Date.now() - stoppingSinceMilliseconds > 2_000)
        console.log(`${signal} again: still stopping (DynamoDB Local is being shut down)`);
      return;
    }
    stoppingSinceMilliseconds = Date.now();
    console.log(`\n${signal}: stopping the local stack ...`);
    if (stack) stopAndExit();
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
  process.on("SIGHUP", shutdown);
  // `npm start` runs this process as npm's direct child (`exec` in package.json), so a signal to npm's
  // pid reaches it. A parent that dies without relaying one (SIGKILL, a wrapper shell) leaves this
  // process orphaned: its parent pid changes, and the stack stops as on SIGTERM.
  const parentPid = process.ppid;
  const orphanWatch = setInterval(() => {
    if (process.ppid !== parentPid) {
      clearInterval(orphanWatch);
      shutdown("SIGTERM");
    }
  }, 500);
  orphanWatch.unref();

  const running = readStackState(dataDirectory);
  if (running)
    throw new Error(
      `a local stack is already running on ${dataDirectory} (pid ${running.pid}, API ${running.apiUrl}); stop it first or set LOCAL_DATA_DIR`,
    );
  console.log(`starting the local stack (data in ${relative(repositoryRoot, dataDirectory) || dataDirectory}) ...`);
  stack = await startLocalStack({
    dataDirectory,
    httpPort: await choosePort("PORT", 3000),
    sqsPort: await choosePort("SQS_PORT", 9324),
    dynamoDbPort: await choosePort("DYNAMODB_PORT", 8000),
    // The demo configuration allows http://localhost:3001: on another port the page runs, but its widget is refused
    // until widget.allowedOrigins names that origin.
    demoHostPort: await choosePort("DEMO_PORT", 3001),
    visibilityTimeoutSeconds,
  });
  if (stoppingSinceMilliseconds !== undefined) {
    stopAndExit();
    return;
  }
  console.log(bannerText(stack, dataDirectory, visibilityTimeoutSeconds));
}

main().catch((error: unknown) => {
  // Stopped while starting: DynamoDB Local saw the signal too; the start's own cleanup has run.
  if (stoppingSinceMilliseconds !== undefined) {
    console.log("stopped before it was up.");
    process.exit(0);
  }
  console.error("the local stack failed to start:", error instanceof Error ? error.message : error);
  process.exit(1);
});
