/**
 * The whole system on one machine, built from infra/catalog.ts like the CDK stack: DynamoDB Local with
 * the shared table definition, the local SQS endpoint with the same queues, the handlers behind an
 * API Gateway-shaped HTTP adapter, a poller playing the SQS event source mapping, another playing the
 * click aggregator's DynamoDB Streams mapping on DynamoDB Local's stream, and a scheduler playing
 * EventBridge Scheduler. `npm start` runs it (scripts/local-stack.ts); the end-to-end tests
 * and the benchmarks start it in-process or as a child process.
 *
 * The handlers run in this process and read their configuration from process.env, which this sets:
 * one local stack per process.
 */

import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { SQSClient } from "@aws-sdk/client-sqs";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  billingEventsConsumer,
  clickAggregator,
  discountTrigger,
  httpRoutes,
  queueNames,
  requestAuthorizer,
  schedules,
  settlementWorker,
} from "../../infra/catalog.ts";
import { environmentVariables } from "../../shared/config.ts";
import { matchesClickStreamFilter } from "../../shared/data/click-stream.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { keys } from "../../shared/data/keys.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import { matchesCodeReferralStreamFilter } from "../../shared/data/referral-stream.ts";
import type { TableContext } from "../../shared/data/table-context.ts";
import { systemClock } from "../../shared/domain/clock.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { writeWidget } from "../../widget/build.ts";
import { type RunningDemoHost, startDemoHost } from "./demo-host.ts";
import { localAwsEnvironment, type RunningDynamoDbLocal, startDynamoDbLocal } from "./dynamodb-local.ts";
import { type RunningHttpAdapter, startHttpAdapter } from "./http-adapter.ts";
import { createFunctionLoader, localRegion } from "./lambda-runtime.ts";
import { type LocalQueueUrls, queueArn, type RunningLocalSqs, startLocalSqs } from "./local-sqs.ts";
import { type RunningQueuePoller, startQueuePoller } from "./queue-poller.ts";
import { type PlannedRun, type RunningScheduler, startScheduler } from "./scheduler.ts";
import { readStackState, removeStackState, repositoryRoot, type StackDescription, writeStackState } from "./stack-state.ts";
import { type RunningStreamPoller, type StreamPoller, startStreamPoller } from "./stream-poller.ts";
import { ensureTable } from "./table.ts";

export const localTableName = "referral-ledger";
/** Short, so a failed billing event is retried (and reaches the dead-letter queue) within half a minute. */
export const localVisibilityTimeoutSeconds = 5;

export interface LocalStackOptions {
  /** Holds `dynamodb/` (the table's data, kept across restarts) and `stack.json`. */
  readonly dataDirectory: string;
  /** 0 (default) picks a free port. */
  readonly httpPort?: number;
  readonly sqsPort?: number;
  readonly dynamoDbPort?: number;
  /** Use this DynamoDB Local instead of starting one (tests and benchmarks share theirs). */
  readonly dynamoDbEndpoint?: string;
  readonly tableName?: string;
  readonly visibilityTimeoutSeconds?: number;
  /** Seed the demo operator configuration when the table has none (default true). */
  readonly seedDemoOperator?: boolean;
  /** Run the queue pollers, billing-events and settlement (default true). */
  readonly pollQueue?: boolean;
  /** Run the click aggregator on the table's stream (default true). */
  readonly pollStream?: boolean;
  /** Fire the schedules on their cron (default true). */
  readonly runSchedules?: boolean;
  /**
   * Serve the demo host page (scripts/lib/demo-host.ts) on this port of localhost (0 = free); absent: none. Its
   * origin must be in the stored configuration's widget.allowedOrigins (the demo configuration has port 3001).
   */
  readonly demoHostPort?: number;
  /** Write `stack.json` for `npm run job`/`dlq`/`demo` (default true). */
  readonly writeStateFile?: boolean;
  readonly log?: (line: string) => void;
  readonly logError?: (message: string, error: unknown) => void;
}

export interface RunningLocalStack extends StackDescription {
  readonly seededDemoOperator: boolean;
  readonly plannedRuns: () => readonly PlannedRun[];
  /** The click aggregator's stream poller (drain() delivers everything written so far), when it runs. */
  readonly clickStream: StreamPoller | undefined;
  /** The discounts' trigger's stream poller (code referrals), when the stream is polled. */
  readonly referralStream: StreamPoller | undefined;
  /** The demo host page (`http://localhost:<port>/`), when one was asked for. */
  readonly demoHostUrl: string | undefined;
  /** Stops the scheduler, the poller, the servers and DynamoDB Local (if started here), in that order. */
  stop(): Promise<void>;
}

/** The environment every handler reads (shared/config.ts, shared/data/client.ts, Powertools). */
export function handlerEnvironment(settings: {
  tableName: string;
  dynamoDbEndpoint: string;
  sqsEndpoint: string;
  queueUrls: LocalQueueUrls;
}): Record<string, string> {
  return {
    ...localAwsEnvironment,
    AWS_DEFAULT_REGION: localRegion,
    AWS_ENDPOINT_URL_DYNAMODB: settings.dynamoDbEndpoint,
    AWS_ENDPOINT_URL_SQS: settings.sqsEndpoint,
    [environmentVariables.tableName]: settings.tableName,
    [environmentVariables.outboundQueueUrl]: settings.queueUrls.outbound,
    [environmentVariables.billingEventsDeadLetterQueueUrl]: settings.queueUrls.billingEventsDeadLetter,
    [environmentVariables.settlementQueueUrl]: settings.queueUrls.settlement,
    [environmentVariables.hashSalt]: "local-development-salt",
    // Metrics would print an EMF blob per invocation; the logs stay on.
    POWERTOOLS_METRICS_DISABLED: process.env.POWERTOOLS_METRICS_DISABLED ?? "true",
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? "INFO",
  };
}

function localTableContext(endpoint: string, tableName: string): { client: DynamoDBClient; table: TableContext } {
  const client = new DynamoDBClient({
    endpoint,
    region: localRegion,
    credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
    maxAttempts: 3,
  });
  return { client, table: { documentClient: createDocumentClient(client), tableName } };
}

/** Seeds the demo operator (the five programs of SPEC.md) unless the table already has a configuration. */
async function seedDemoOperatorIfAbsent(table: TableContext): Promise<boolean> {
  const existing = await table.documentClient.send(
    new GetCommand({ TableName: table.tableName, Key: keys.operatorConfig(), ConsistentRead: true }),
  );
  if (existing.Item) return false;
  await createOperatorConfigStore(table, systemClock).save(demoOperatorConfig);
  return true;
}

export async function startLocalStack(options: LocalStackOptions): Promise<RunningLocalStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  const logError = options.logError ?? ((message: string, error: unknown) => console.error(message, error));
  const tableName = options.tableName ?? localTableName;
  const visibilityTimeoutSeconds = options.visibilityTimeoutSeconds ?? localVisibilityTimeoutSeconds;
  const writeStateFile = options.writeStateFile ?? true;

  const alreadyRunning = readStackState(options.dataDirectory);
  if (alreadyRunning && alreadyRunning.pid !== process.pid) {
    throw new Error(
      `a local stack is already running on ${options.dataDirectory} (pid ${alreadyRunning.pid}, API ${alreadyRunning.apiUrl}); stop it first or set LOCAL_DATA_DIR`,
    );
  }

  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        logError("[stack] error while stopping", error);
      }
    }
    stops.length = 0;
  };

  try {
    let dynamoDb: RunningDynamoDbLocal | undefined;
    let dynamoDbEndpoint = options.dynamoDbEndpoint;
    if (!dynamoDbEndpoint) {
      dynamoDb = await startDynamoDbLocal({
        port: options.dynamoDbPort || undefined,
        dataDirectory: join(options.dataDirectory, "dynamodb"),
      });
      stops.push(() => dynamoDb!.stop());
      dynamoDbEndpoint = dynamoDb.endpoint;
    }
    const { client: dynamoDbClient, table } = localTableContext(dynamoDbEndpoint, tableName);
    stops.push(async () => dynamoDbClient.destroy());
    await ensureTable(dynamoDbClient, tableName);

    const sqs: RunningLocalSqs = await startLocalSqs({ port: options.sqsPort ?? 0, visibilityTimeoutSeconds });
    stops.push(() => sqs.stop());

    const environment = handlerEnvironment({ tableName, dynamoDbEndpoint, sqsEndpoint: sqs.endpoint, queueUrls: sqs.queueUrls });
    Object.assign(process.env, environment);

    const seededDemoOperator = options.seedDemoOperator === false ? false : await seedDemoOperatorIfAbsent(table);

    // The widget's script, built from widget/src as the stack packages it for the get-widget function.
    const widgetScriptFile = join(options.dataDirectory, "widget", "referral-dashboard.js");
    await writeWidget(widgetScriptFile);
    environment[environmentVariables.widgetScriptFile] = widgetScriptFile;
    process.env[environmentVariables.widgetScriptFile] = widgetScriptFile;

    const functions = createFunctionLoader(repositoryRoot);
    const operatorConfigForCors = createOperatorConfigStore(table, systemClock);
    const http: RunningHttpAdapter = await startHttpAdapter({
      routes: httpRoutes,
      port: options.httpPort ?? 0,
      invoke: (functionName, event) => functions.functionNamed(functionName).invoke(event),
      authorizeRequest: (event) => functions.functionNamed(requestAuthorizer.functionName).invoke(event),
      // In AWS the stack's CORS configuration is built from the deployed configuration's widget.allowedOrigins; here
      // from the stored one (cached as the functions cache it), so a test's or an edited configuration takes effect.
      corsAllowedOrigins: async () => (await operatorConfigForCors.loadOrThrow().catch(() => undefined))?.widget?.allowedOrigins ?? [],
      log,
      logError,
    });
    stops.push(() => http.stop());
    // Links are built on the adapter's address from configuration, as in AWS (never from a request's Host header).
    environment[environmentVariables.referralLinkBaseUrl] = http.url;
    process.env[environmentVariables.referralLinkBaseUrl] = http.url;

    let demoHost: RunningDemoHost | undefined;
    if (options.demoHostPort !== undefined) {
      demoHost = await startDemoHost({ port: options.demoHostPort, apiUrl: http.url, log });
      stops.push(() => demoHost!.stop());
    }

    for (const failure of await functions.warmUp())
      logError(`[stack] ${failure.functionName} failed to load (retried on its first call)`, failure.error);

    const queueClient = new SQSClient({
      endpoint: sqs.endpoint,
      region: localRegion,
      credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
    });
    stops.push(async () => queueClient.destroy());
    if (options.pollQueue !== false) {
      // Each queue's event source mapping: the catalog's batch settings, fed to its function.
      const mappings = [
        { mapping: billingEventsConsumer, queueUrl: sqs.queueUrls.billingEvents, queueName: queueNames.billingEvents },
        { mapping: settlementWorker, queueUrl: sqs.queueUrls.settlement, queueName: queueNames.settlement },
      ];
      for (const { mapping, queueUrl, queueName } of mappings) {
        const consumer = functions.functionNamed(mapping.functionName);
        const poller: RunningQueuePoller = startQueuePoller({
          client: queueClient,
          queueUrl,
          queueArn: queueArn(queueName),
          batchSize: mapping.batchSize,
          // The batching window, kept below the visibility timeout (local-aws-sqs quirk, see queue-poller.ts).
          waitSeconds: Math.min(mapping.maxBatchingWindowSeconds, Math.max(0, visibilityTimeoutSeconds - 1)),
          visibilityTimeoutSeconds,
          concurrency: 2,
          invoke: (event) => consumer.invoke(event),
          log,
          logError,
        });
        stops.push(() => poller.stop());
      }
    }

    let streamPoller: RunningStreamPoller | undefined;
    let discountStreamPoller: RunningStreamPoller | undefined;
    if (options.pollStream !== false) {
      const streamsClient = new DynamoDBStreamsClient({
        endpoint: dynamoDbEndpoint,
        region: localRegion,
        credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
      });
      stops.push(async () => streamsClient.destroy());
      const aggregator = functions.functionNamed(clickAggregator.functionName);
      streamPoller = startStreamPoller({
        client: streamsClient,
        tableName,
        consumerName: "the click aggregator",
        batchSize: clickAggregator.batchSize,
        filter: (record) => matchesClickStreamFilter(record as Parameters<typeof matchesClickStreamFilter>[0]),
        retryAttempts: clickAggregator.retryAttempts,
        invoke: (event) => aggregator.invoke(event),
        log,
        logError,
      });
      stops.push(() => streamPoller!.stop());
      // The discounts' trigger: its own mapping on the same stream, with its own shard positions (as in AWS).
      const trigger = functions.functionNamed(discountTrigger.functionName);
      discountStreamPoller = startStreamPoller({
        client: streamsClient,
        tableName,
        consumerName: "the discounts' trigger",
        batchSize: discountTrigger.batchSize,
        filter: (record) => matchesCodeReferralStreamFilter(record as Parameters<typeof matchesCodeReferralStreamFilter>[0]),
        retryAttempts: discountTrigger.retryAttempts,
        invoke: (event) => trigger.invoke(event),
        log,
        logError,
      });
      stops.push(() => discountStreamPoller!.stop());
    }

    let scheduler: RunningScheduler | undefined;
    if (options.runSchedules !== false) {
      const operatorConfig = createOperatorConfigStore(table, systemClock);
      scheduler = await startScheduler({
        schedules,
        timeZone: async () => (await operatorConfig.loadOrThrow()).timeZone,
        invoke: (functionName, event) => functions.functionNamed(functionName).invoke(event),
        log,
        logError,
      });
      stops.push(() => scheduler!.stop());
    }

    const description: StackDescription = {
      apiUrl: http.url,
      dynamoDbEndpoint,
      dynamoDbLocalPid: dynamoDb?.pid,
      sqsEndpoint: sqs.endpoint,
      queueUrls: sqs.queueUrls,
      tableName,
      environment,
    };
    const running: RunningLocalStack = {
      ...description,
      seededDemoOperator,
      plannedRuns: () => scheduler?.planned() ?? [],
      clickStream: streamPoller,
      referralStream: discountStreamPoller,
      demoHostUrl: demoHost?.url,
      stop: async () => {
        if (writeStateFile) removeStackState(options.dataDirectory, process.pid);
        await stopAll();
      },
    };
    if (writeStateFile) {
      writeStackState(options.dataDirectory, {
        pid: process.pid,
        startedAt: new Date().toISOString(),
        region: localRegion,
        ...description,
      });
    }
    return running;
  } catch (error) {
    await stopAll();
    throw error;
  }
}
