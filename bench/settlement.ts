/**
 * Settlement end to end on DynamoDB Local and the local SQS server: N accounts, each with a period
 * accrual of R recharges (seeded as the accrual item and the pending balance that R commissions would
 * have left: settlement reads only those, never the recharges themselves), settled by a real run: the
 * scheduled function's start, then the settlement queue fed to the real worker handler by P pollers
 * (the event source mapping's concurrency here). Beside it, a bare loop: the same DynamoDB reads and
 * writes for the same number of accounts of another period (settleAccount called directly with the
 * same number in flight), no queue, no handler. Requests and write units are counted on each client.
 */
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type SQSClient } from "@aws-sdk/client-sqs";
import { BatchWriteCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse } from "aws-lambda";
import { createSettlementWorkHandler } from "../functions/events/settlement-work.ts";
import { createSettlementDependencies } from "../functions/wiring/settlement.ts";
import { keys, settlementKeys } from "../shared/data/keys.ts";
import { systemClock } from "../shared/domain/clock.ts";
import { settlementLimits } from "../shared/limits.ts";
import { startSettlement } from "../shared/use-cases/run-settlement.ts";
import { settleAccount } from "../shared/use-cases/settle-account.ts";
import { lambdaContext } from "../test/support/http-events.ts";
import { sqsEvent, sqsRecord } from "../test/support/sqs-events.ts";
import { countRequests, type RequestCounts, stopCountingRequests } from "./lib/request-counter.ts";

export interface SettlementFigures {
  readonly accounts: number;
  readonly rechargesPerAccount: number;
  readonly pollers: number;
  readonly recordsInFlight: number;
  readonly pageSize: number;
  readonly seedSeconds: number;
  readonly workerSeconds: number;
  readonly bareSeconds: number;
  readonly worker: RequestCounts;
  readonly bare: RequestCounts;
  /** SQS requests of the worker path: the start's and pages' SendMessageBatch, the pollers' receives and deletes. */
  readonly sqsRequests: number;
  readonly settled: number;
  readonly enqueued: number;
  readonly failed: number;
}

const program = "zadarma-partner";
/** 00:00 on 15 March 2026 in Prague: settles 2026-03-1; the bare loop settles 2026-02-1 of the same accounts. */
const runAt = new Date("2026-03-14T23:00:00.000Z");
const workerPeriod = "2026-03-1";
const barePeriod = "2026-02-1";
const rechargeMinor = 2_000;

async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < items.length; index = next++) await work(items[index]!);
    }),
  );
}

async function seed(client: DynamoDBDocumentClient, tableName: string, accounts: readonly string[], recharges: number): Promise<void> {
  const now = new Date().toISOString();
  const accrued = recharges * (rechargeMinor / 10);
  const items = accounts.flatMap((accountId) => [
    ...[workerPeriod, barePeriod].map((periodId) => ({
      ...keys.periodAccrual(accountId, program, periodId, "EUR"),
      ...settlementKeys.periodAccrualToSettle(program, periodId, accountId, "EUR"),
      entityType: "PeriodAccrual",
      accountId,
      programId: program,
      periodId,
      currency: "EUR",
      accruedMinor: accrued,
      baseMinor: recharges * rechargeMinor,
      accrualRateBps: 1_000,
      activeCustomers: recharges,
      entryCount: recharges,
      updatedAt: now,
    })),
    {
      ...keys.ledgerAccount(accountId, "commission_pending", "EUR"),
      entityType: "LedgerAccount",
      holder: accountId,
      kind: "commission_pending",
      currency: "EUR",
      debitsMinor: 0,
      creditsMinor: 2 * accrued,
      balanceMinor: 2 * accrued,
      transferCount: 2 * recharges,
      updatedAt: now,
    },
  ]);
  const chunks: (typeof items)[] = [];
  for (let at = 0; at < items.length; at += 25) chunks.push(items.slice(at, at + 25));
  await inParallel(chunks, 8, async (chunk) => {
    let pending: Record<string, unknown>[] = chunk.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const result = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = (result.UnprocessedItems?.[tableName] ?? []) as Record<string, unknown>[];
    }
  });
}

export async function benchmarkSettlement(options: {
  readonly workerClient: DynamoDBDocumentClient;
  readonly bareClient: DynamoDBDocumentClient;
  readonly adminClient: DynamoDBDocumentClient;
  readonly queueClient: SQSClient;
  readonly settlementQueueUrl: string;
  readonly outboundQueueUrl: string;
  readonly tableName: string;
  readonly accounts: number;
  readonly rechargesPerAccount: number;
  readonly pollers: number;
  readonly log: (line: string) => void;
}): Promise<SettlementFigures> {
  const { tableName } = options;
  const accounts = Array.from({ length: options.accounts }, (_, index) => `bench-settle-${String(index).padStart(6, "0")}`);
  const seedStarted = performance.now();
  await seed(options.adminClient, tableName, accounts, options.rechargesPerAccount);
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  options.log(`settlement: seeded ${accounts.length} accounts × 2 periods in ${seedSeconds.toFixed(1)} s`);

  const dependencies = (documentClient: DynamoDBDocumentClient) =>
    createSettlementDependencies({
      table: { documentClient, tableName },
      clock: systemClock,
      queueClient: options.queueClient,
      outboundQueueUrl: options.outboundQueueUrl,
      settlementQueueUrl: options.settlementQueueUrl,
    });

  // The worker path: the run's start, then the queue fed to the real handler by the pollers.
  const workerCounts = countRequests(options.workerClient);
  const workerDependencies = dependencies(options.workerClient);
  const handler = createSettlementWorkHandler(workerDependencies, { maxReceiveCount: settlementLimits.maxReceiveCount });
  // Every SQS request of the worker path: sends of work items and statements, receives and deletes.
  let sqsRequests = 0;
  const sqsCounter = "benchSettlementSqsCounter";
  options.queueClient.middlewareStack.add(
    (next) => async (args) => {
      sqsRequests += 1;
      return await next(args);
    },
    { step: "initialize", name: sqsCounter },
  );
  const workerStarted = performance.now();
  await startSettlement(workerDependencies, { runAt, trigger: "schedule" });
  // Done when every shard is listed and every enqueued account settled or failed (read on the admin client: not counted).
  const progressStore = dependencies(options.adminClient).settlementStore;
  let done = false;
  const isDone = async () => {
    const progress = await progressStore.readProgress(program, workerPeriod);
    return progress.shardsListed === progress.shards && progress.settled + progress.failed >= progress.enqueued;
  };
  await Promise.all(
    Array.from({ length: options.pollers }, async () => {
      while (!done) {
        const received = await options.queueClient.send(
          new ReceiveMessageCommand({
            QueueUrl: options.settlementQueueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 0,
            MessageSystemAttributeNames: ["ApproximateReceiveCount"],
          }),
        );
        const messages = received.Messages ?? [];
        if (messages.length === 0) {
          if (await isDone()) done = true;
          else await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        const records = messages.map((message) => sqsRecord({ messageId: message.MessageId!, body: message.Body! }));
        const response = (await handler(sqsEvent(records), lambdaContext("settlement-work"))) as SQSBatchResponse;
        const failed = new Set(response.batchItemFailures.map((failure) => failure.itemIdentifier));
        const succeeded = messages.filter((message) => !failed.has(message.MessageId!));
        if (succeeded.length > 0) {
          await options.queueClient.send(
            new DeleteMessageBatchCommand({
              QueueUrl: options.settlementQueueUrl,
              Entries: succeeded.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
            }),
          );
        }
      }
    }),
  );
  const workerSeconds = (performance.now() - workerStarted) / 1000;
  stopCountingRequests(options.workerClient);
  options.queueClient.middlewareStack.remove(sqsCounter);
  const progress = await workerDependencies.settlementStore.readProgress(program, workerPeriod);
  options.log(`settlement: worker settled ${progress.settled} of ${progress.enqueued} in ${workerSeconds.toFixed(1)} s`);

  // The bare loop: the same listing and the same settlement steps, called directly, the same number in flight.
  const bareCounts = countRequests(options.bareClient);
  const bareDependencies = { ...dependencies(options.bareClient), outbound: { send: async () => undefined } };
  const bareStarted = performance.now();
  const steps = [];
  for await (const step of bareDependencies.settlementStore.allAccountsToSettle(program, barePeriod)) steps.push(step);
  await inParallel(steps, options.pollers * settlementLimits.workConcurrency, async (step) => {
    await settleAccount(bareDependencies, step);
  });
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  stopCountingRequests(options.bareClient);
  options.log(`settlement: bare loop settled ${steps.length} in ${bareSeconds.toFixed(1)} s`);

  return {
    accounts: options.accounts,
    rechargesPerAccount: options.rechargesPerAccount,
    pollers: options.pollers,
    recordsInFlight: options.pollers * settlementLimits.workConcurrency,
    pageSize: settlementLimits.pageSize,
    seedSeconds,
    workerSeconds,
    bareSeconds,
    worker: workerCounts,
    bare: bareCounts,
    sqsRequests,
    settled: progress.settled,
    enqueued: progress.enqueued,
    failed: progress.failed,
  };
}
