/**
 * The billing-events consumer (functions/events/billing-events.ts) on DynamoDB Local, through its
 * production wiring (ledgerDependenciesFromEnvironment: the shared document and SQS clients, the system
 * clock), fed SQS-shaped batches of 10 records built in this process:
 *
 * - DynamoDB requests, capacity units and SQS requests per event, by kind of event;
 * - events per second through the real handler next to a bare conditional PutItem loop on the same
 *   engine, the same client and the same concurrency (batches of 10, limits.billingEventsConcurrency
 *   at a time, scheduled by the handler's own processPartialBatch), interleaved batch by batch in the same run;
 * - and next to the handler's own transactions of a counted round, replayed bare in the same batches
 *   and concurrency (bench/lib/transaction-replay.ts): what the handler costs over its transactions.
 *
 * Referrals are seeded as the integration tests seed them (test/support/ledger-setup.ts): a referral
 * item validated by referralItemSchema under keys.referral + keys.referralByReferrer, and its code item.
 */

import { createHash } from "node:crypto";
import { TransactWriteItemsCommand, type TransactWriteItemsCommandInput } from "@aws-sdk/client-dynamodb";
import type { SQSClient } from "@aws-sdk/client-sqs";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from "aws-lambda";
import { processPartialBatch } from "../functions/middleware/sqs-partial-batch.ts";
import { keys } from "../shared/data/keys.ts";
import { limits } from "../shared/limits.ts";
import type { BillingEvent } from "../shared/schemas/billing-events.ts";
import { referralItemSchema } from "../shared/schemas/items.ts";
import type { LedgerDependencies } from "../shared/use-cases/ledger-dependencies.ts";
import { invoicePaid, rechargeCompleted } from "../test/support/billing-event-builders.ts";
import { lambdaContext } from "../test/support/http-events.ts";
import { sqsRecord } from "../test/support/sqs-events.ts";
import {
  countRequests,
  countsBetween,
  meanMillisecondsByCommand,
  type RequestCounts,
  snapshotCounts,
  stopCountingRequests,
} from "./lib/request-counter.ts";
import { measureCpuAndWall } from "./lib/stats.ts";
import { bareTransactionOf, captureTransactions } from "./lib/transaction-replay.ts";

type BillingEventsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export interface BillingEventsModule {
  createBillingEventsHandler(dependencies: LedgerDependencies): BillingEventsHandler;
}

export interface BillingEventsBenchOptions {
  readonly billingEvents: BillingEventsModule;
  readonly newContainerDependencies: () => LedgerDependencies;
  /** The clients the handler's dependencies send through (the counters go on them). */
  readonly documentClient: DynamoDBDocumentClient;
  readonly queueClient: SQSClient;
  /** A separate client for seeding and checks, so they are not counted. */
  readonly adminClient: DynamoDBDocumentClient;
  readonly tableName: string;
  /** Batches of 10 per round; each round runs the handler and the bare loop once. */
  readonly batchesPerRound: number;
  readonly rounds: number;
  readonly log: (line: string) => void;
}

export interface EventKindFigures {
  readonly kind: string;
  readonly outcome: string;
  readonly events: number;
  readonly counts: RequestCounts;
  readonly sqsSends: number;
}

export interface ThroughputFigures {
  readonly events: number;
  readonly batchSize: number;
  readonly concurrency: number;
  readonly handlerEventsPerSecond: number;
  readonly handlerCpuMicrosecondsPerEvent: number;
  readonly barePutsPerSecond: number;
  readonly bareCpuMicrosecondsPerPut: number;
  /** Handler events/s ÷ bare puts/s. */
  readonly ratio: number;
  readonly handlerRoundsEventsPerSecond: readonly number[];
  readonly bareRoundsPutsPerSecond: readonly number[];
  /** DynamoDB requests per event of the throughput mix (one counted round before the timed ones). */
  readonly mixRequestsPerEvent: number;
  /** Mean time per request by command in that counted round (SDK, loopback, engine). */
  readonly mixMeanMillisecondsByCommand: Readonly<Record<string, number>>;
  /** The time an event spends in its DynamoDB requests (they run one after another), counted round. */
  readonly mixDynamoDbMillisecondsPerEvent: number;
  /** Failed requests (lost races, cancelled transactions) and HTTP attempts in the counted round. */
  readonly mixFailedByError: Readonly<Record<string, number>>;
  readonly mixAttempts: number;
  readonly mixRequests: number;
  /** Mean time of one bare PutItem in a counted round of the bare loop. */
  readonly bareMeanPutMilliseconds: number;
  /** The consumer's own transactions of one counted round, replayed bare (bench/lib/transaction-replay.ts): how many per round. */
  readonly bareTransactionsPerRound: number;
  /** The round's events ÷ the time its transactions take replayed bare (same client, same concurrency, same batches). */
  readonly bareTransactionEventsPerSecond: number;
  readonly bareTransactionRoundsEventsPerSecond: readonly number[];
  /** Handler events/s ÷ bareTransactionEventsPerSecond: what the handler costs over its own transactions (target ≥ 0.9). */
  readonly ratioToTransactions: number;
}

export interface BillingEventsFigures {
  readonly kinds: readonly EventKindFigures[];
  readonly throughput: ThroughputFigures;
}

const batchSize = 10;
const context = lambdaContext("billing-events");

interface SeededCustomer {
  readonly refereeAccountId: string;
  readonly referrerAccountId: string;
  readonly programId: "ex2-credit" | "zadarma-partner";
}

let customerNumber = 0;

/** Runs `work` over `items`, `concurrency` at a time. */
async function inParallel<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

/** Referred customers, each with a referrer of their own (no contention on a referrer's accrual). */
async function seedCustomers(
  options: BillingEventsBenchOptions,
  programId: SeededCustomer["programId"],
  count: number,
  attributedAt: string,
): Promise<SeededCustomer[]> {
  const customers: SeededCustomer[] = [];
  for (let index = 0; index < count; index += 1) {
    customerNumber += 1;
    customers.push({
      refereeAccountId: `bench-customer-${customerNumber}`,
      referrerAccountId: `bench-referrer-${customerNumber}`,
      programId,
    });
  }
  await inParallel(customers, 8, async (customer) => {
    const code = `BENCH${customer.refereeAccountId.split("-").at(-1)}`;
    const referral = referralItemSchema.parse({ ...customer, code, source: "link", attributedAt, status: "active" });
    await options.adminClient.send(
      new PutCommand({
        TableName: options.tableName,
        Item: {
          ...keys.referral(customer.refereeAccountId),
          ...keys.referralByReferrer(customer.referrerAccountId, attributedAt, customer.refereeAccountId),
          entityType: "Referral",
          ...referral,
        },
      }),
    );
    await options.adminClient.send(
      new PutCommand({
        TableName: options.tableName,
        Item: {
          ...keys.referralCode(code),
          entityType: "ReferralCode",
          code,
          accountId: customer.referrerAccountId,
          programId: customer.programId,
          status: "active",
          createdAt: attributedAt,
          clickCount: 0,
          signupCount: 0,
          customerCount: 0,
        },
      }),
    );
  });
  return customers;
}

function batchOf(events: readonly BillingEvent[]): SQSEvent {
  return { Records: events.map((event) => sqsRecord({ body: event })) };
}

function redelivered(batch: SQSEvent): SQSEvent {
  return {
    Records: batch.Records.map((record): SQSRecord => ({ ...record, attributes: { ...record.attributes, ApproximateReceiveCount: "2" } })),
  };
}

async function consumeOrThrow(handler: BillingEventsHandler, batch: SQSEvent): Promise<void> {
  const response = await handler(batch, context);
  if (response.batchItemFailures.length > 0)
    throw new Error(`the consumer reported ${response.batchItemFailures.length} failed records of ${batch.Records.length}`);
}

/** Counts the requests (SendMessage, SendMessageBatch) on the handler's SQS client. */
function countSqsSends(client: SQSClient): { sends: number; stop(): void } {
  const counter = { sends: 0, stop: () => client.middlewareStack.remove("benchSqsCounter") };
  client.middlewareStack.add(
    (next) => async (args) => {
      counter.sends += 1;
      return await next(args);
    },
    { step: "initialize", name: "benchSqsCounter", override: true },
  );
  return counter;
}

async function transferCountOf(options: BillingEventsBenchOptions, accountId: string): Promise<number> {
  const result = await options.adminClient.send(
    new QueryCommand({
      TableName: options.tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": keys.accountPartition(accountId), ":prefix": keys.transferPrefix },
      ConsistentRead: true,
      Select: "COUNT",
    }),
  );
  return result.Count ?? 0;
}

export async function benchmarkBillingEvents(options: BillingEventsBenchOptions): Promise<BillingEventsFigures> {
  const { log } = options;
  const now = Date.now();
  const attributedAt = new Date(now - 2 * 24 * 3600_000).toISOString();
  // Each payment is paid a millisecond after the one before: the first payment is the earliest paid
  // (ties would be decided by id, so a later batch could replace a customer's first and post reversals).
  let paymentSequence = 0;
  const paidAt = () => new Date(now - 3600_000 + paymentSequence++).toISOString();
  const payment = (customer: SeededCustomer): BillingEvent =>
    customer.programId === "ex2-credit"
      ? invoicePaid({
          accountId: customer.refereeAccountId,
          paidAt: paidAt(),
          lines: [{ sku: "hosting-start", category: "hosting", amountMinor: 12_000 }],
        })
      : rechargeCompleted({ accountId: customer.refereeAccountId, completedAt: paidAt(), amountMinor: 5_000 });

  // ---------- requests and units per event, by kind (a warm container) ----------
  const kindCustomers = {
    zadarma: await seedCustomers(options, "zadarma-partner", batchSize, attributedAt),
    ex2: await seedCustomers(options, "ex2-credit", batchSize, attributedAt),
  };
  const warmUpCustomer = (await seedCustomers(options, "zadarma-partner", 1, attributedAt))[0]!;
  const handler = options.billingEvents.createBillingEventsHandler(options.newContainerDependencies());
  await consumeOrThrow(handler, batchOf([payment(warmUpCustomer)])); // caches the operator configuration

  const counts = countRequests(options.documentClient);
  const sqs = countSqsSends(options.queueClient);
  const kinds: EventKindFigures[] = [];
  async function kind(name: string, outcome: string, batch: SQSEvent, check?: () => Promise<void>): Promise<RequestCounts> {
    const before = snapshotCounts(counts);
    const sendsBefore = sqs.sends;
    await consumeOrThrow(handler, batch);
    const measured = countsBetween(before, snapshotCounts(counts));
    kinds.push({ kind: name, outcome, events: batch.Records.length, counts: measured, sqsSends: sqs.sends - sendsBefore });
    await check?.();
    return measured;
  }
  const expectTransfers = (customers: readonly SeededCustomer[], expected: number) => async () => {
    for (const customer of customers) {
      const entries = await transferCountOf(options, customer.referrerAccountId);
      if (entries !== expected) throw new Error(`referrer ${customer.referrerAccountId} has ${entries} transfers, expected ${expected}`);
    }
  };

  const zadarmaFirst = batchOf(kindCustomers.zadarma.map(payment));
  const zadarmaFirstCounts = await kind(
    "recharge.completed, referred (Zadarma), customer's first",
    "10 % commission accrued (pending), first payment marked, customer counted",
    zadarmaFirst,
    expectTransfers(kindCustomers.zadarma, 1),
  );
  await kind(
    "recharge.completed, referred (Zadarma), later",
    "10 % commission accrued (pending)",
    batchOf(kindCustomers.zadarma.map(payment)),
    expectTransfers(kindCustomers.zadarma, 2),
  );
  const ex2First = batchOf(kindCustomers.ex2.map(payment));
  await kind(
    "invoice.paid, referred (Ex2), first invoice",
    "25 % account credit posted, sent on the outbound queue",
    ex2First,
    expectTransfers(kindCustomers.ex2, 1),
  );
  await kind(
    "invoice.paid, referred (Ex2), later invoice",
    "nothing earned (first invoice only); reward record kept",
    batchOf(kindCustomers.ex2.map(payment)),
    expectTransfers(kindCustomers.ex2, 1),
  );
  const strangers = Array.from({ length: batchSize }, (_, index) => `bench-stranger-${index}`);
  const strangerCounts = await kind(
    "invoice.paid, customer without referral",
    "nothing (one read)",
    batchOf(strangers.map((accountId) => invoicePaid({ accountId, paidAt: paidAt() }))),
  );
  await kind(
    "recharge.completed, customer without referral",
    "nothing (one read)",
    batchOf(strangers.map((accountId) => rechargeCompleted({ accountId, completedAt: paidAt() }))),
  );
  await kind(
    "duplicate of a Zadarma recharge (redelivery)",
    "nothing changes",
    redelivered(zadarmaFirst),
    expectTransfers(kindCustomers.zadarma, 2),
  );
  await kind(
    "duplicate of an Ex2 first invoice (redelivery)",
    "nothing changes, nothing re-sent",
    redelivered(ex2First),
    expectTransfers(kindCustomers.ex2, 1),
  );
  if (zadarmaFirstCounts.requests < batchSize || zadarmaFirstCounts.writeCapacityUnits <= 0) {
    throw new Error(
      `rewarded events made ${zadarmaFirstCounts.requests} requests and ${zadarmaFirstCounts.writeCapacityUnits} write units: the counter does not see the handler's client`,
    );
  }
  if (strangerCounts.writeCapacityUnits !== 0) throw new Error("an event of a customer without referral wrote something");

  // ---------- throughput: the real handler next to a bare conditional PutItem loop ----------
  const roundEvents = options.batchesPerRound * batchSize;
  const ex2PerBatch = batchSize / 2;
  const warmUpBatches = 10;
  // Each Ex2 customer pays one (first) invoice; a pool of Zadarma customers recharges again and again.
  const ex2Customers = await seedCustomers(
    options,
    "ex2-credit",
    ex2PerBatch * (options.batchesPerRound * (options.rounds + 1) + warmUpBatches),
    attributedAt,
  );
  const zadarmaPool = await seedCustomers(options, "zadarma-partner", 50, attributedAt);
  let ex2Next = 0;
  let zadarmaNext = 0;
  const mixedBatch = (): SQSEvent => {
    const events: BillingEvent[] = [];
    for (let index = 0; index < ex2PerBatch; index += 1) {
      events.push(payment(ex2Customers[ex2Next++]!));
      events.push(payment(zadarmaPool[zadarmaNext++ % zadarmaPool.length]!));
    }
    return batchOf(events);
  };
  const throughputHandler = options.billingEvents.createBillingEventsHandler(options.newContainerDependencies());
  for (let batch = 0; batch < warmUpBatches; batch += 1) await consumeOrThrow(throughputHandler, mixedBatch());

  // One counted round first, for the mix's requests and request times per event; its transactions are captured, to be
  // replayed bare in the timed rounds.
  const mixBefore = snapshotCounts(counts);
  const capture = captureTransactions(options.documentClient);
  for (let batch = 0; batch < options.batchesPerRound; batch += 1) {
    capture.capturingBatch = batch;
    await consumeOrThrow(throughputHandler, mixedBatch());
  }
  capture.capturingBatch = undefined;
  capture.stop();
  const mix = countsBetween(mixBefore, snapshotCounts(counts));
  const bareTransactionBatches = [...capture.batches.values()].map((batch) =>
    batch.map(bareTransactionOf).filter((input): input is NonNullable<typeof input> => input !== undefined),
  );
  const bareTransactionsPerRound = bareTransactionBatches.reduce((sum, batch) => sum + batch.length, 0);
  if (bareTransactionsPerRound < roundEvents)
    throw new Error(
      `captured ${bareTransactionsPerRound} transactions for ${roundEvents} events: the capture does not see the handler's client`,
    );
  // As the handler issues them: a batch's effects 4 at a time, then its one transaction of outbox marks.
  const isOutboxMarks = (input: TransactWriteItemsCommandInput) =>
    (input.TransactItems ?? []).every((item) => item.Update?.UpdateExpression?.includes("outboundSentAt"));
  const replayBatch = async (batch: readonly TransactWriteItemsCommandInput[]) => {
    await inParallel(
      batch.filter((input) => !isOutboxMarks(input)),
      limits.billingEventsConcurrency,
      async (input) => {
        await options.documentClient.send(new TransactWriteItemsCommand(input));
      },
    );
    for (const input of batch.filter(isOutboxMarks)) await options.documentClient.send(new TransactWriteItemsCommand(input));
  };
  for (const batch of bareTransactionBatches) await replayBatch(batch);

  let bareNumber = 0;
  const barePutBatch = (): SQSRecord[] =>
    Array.from({ length: batchSize }, () => {
      bareNumber += 1;
      return sqsRecord({ body: `bare-${bareNumber}`, messageId: `bare-${bareNumber}` });
    });
  const payloadHash = createHash("sha256").update("bench").digest("hex");
  const barePut = async (record: SQSRecord) => {
    const eventId = record.body;
    // A record the size of the consumer's idempotency record, under its key, conditioned like it.
    await options.documentClient.send(
      new PutCommand({
        TableName: options.tableName,
        Item: {
          ...keys.sourceEvent(eventId),
          entityType: "SourceEvent",
          eventId,
          eventType: "recharge.completed",
          payloadHash,
          outcome: "rewarded",
          transferIds: [`tr-${eventId}`],
          outbound: [],
          processedAt: new Date().toISOString(),
        },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
  };
  const bareBatch = async (records: SQSRecord[]) => {
    const response = await processPartialBatch(records, {
      concurrency: limits.billingEventsConcurrency,
      groupOf: (record) => record.messageId,
      processRecord: barePut,
    });
    if (response.batchItemFailures.length > 0) throw new Error(`${response.batchItemFailures.length} bare puts failed`);
  };
  for (let batch = 0; batch < warmUpBatches; batch += 1) await bareBatch(barePutBatch());
  // A counted round of the bare loop too, for the time of one put; then the counters come off.
  const bareBefore = snapshotCounts(counts);
  for (let batch = 0; batch < options.batchesPerRound; batch += 1) await bareBatch(barePutBatch());
  const bareCounted = countsBetween(bareBefore, snapshotCounts(counts));
  if (bareCounted.requests !== roundEvents || bareCounted.byCommand.PutItemCommand !== roundEvents)
    throw new Error(`the bare loop made ${JSON.stringify(bareCounted.byCommand)} for ${roundEvents} puts`);
  stopCountingRequests(options.documentClient);
  sqs.stop();

  const handlerRounds: { cpuMicroseconds: number; wallMilliseconds: number }[] = [];
  const bareRounds: { cpuMicroseconds: number; wallMilliseconds: number }[] = [];
  const bareTransactionRounds: { cpuMicroseconds: number; wallMilliseconds: number }[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    // Built before the clock starts: only the handler is timed.
    const handlerBatches = Array.from({ length: options.batchesPerRound }, mixedBatch);
    const bareBatches = Array.from({ length: options.batchesPerRound }, barePutBatch);
    // Interleaved batch by batch (the handler's batch, then the bare puts', then its transactions replayed bare, the
    // handler and the replay taking turns at going first), so a change of pace of the shared machine weighs on all three.
    const handlerRound = { cpuMicroseconds: 0, wallMilliseconds: 0 };
    const bareRound = { cpuMicroseconds: 0, wallMilliseconds: 0 };
    const bareTransactionRound = { cpuMicroseconds: 0, wallMilliseconds: 0 };
    const add = (sum: typeof handlerRound, measured: typeof handlerRound) => {
      sum.cpuMicroseconds += measured.cpuMicroseconds;
      sum.wallMilliseconds += measured.wallMilliseconds;
    };
    for (let batch = 0; batch < options.batchesPerRound; batch += 1) {
      const handlerTurn = async () =>
        add(handlerRound, await measureCpuAndWall(() => consumeOrThrow(throughputHandler, handlerBatches[batch]!)));
      const replayTurn = async () =>
        add(
          bareTransactionRound,
          await measureCpuAndWall(() => replayBatch(bareTransactionBatches[batch % bareTransactionBatches.length]!)),
        );
      if (batch % 2 === 0) await handlerTurn();
      else await replayTurn();
      add(bareRound, await measureCpuAndWall(() => bareBatch(bareBatches[batch]!)));
      if (batch % 2 === 0) await replayTurn();
      else await handlerTurn();
    }
    handlerRounds.push(handlerRound);
    bareRounds.push(bareRound);
    bareTransactionRounds.push(bareTransactionRound);
    log(
      `billing events: round ${round + 1}: handler ${(roundEvents / (handlerRounds.at(-1)!.wallMilliseconds / 1000)).toFixed(0)} events/s, bare ${(roundEvents / (bareRounds.at(-1)!.wallMilliseconds / 1000)).toFixed(0)} puts/s, its transactions bare ${(roundEvents / (bareTransactionRounds.at(-1)!.wallMilliseconds / 1000)).toFixed(0)} events/s`,
    );
  }
  // Every Ex2 customer of the timed rounds got exactly its one credit.
  for (const customer of [ex2Customers[warmUpBatches * ex2PerBatch]!, ex2Customers[ex2Next - 1]!]) {
    if ((await transferCountOf(options, customer.referrerAccountId)) !== 1)
      throw new Error(`throughput run: referrer ${customer.referrerAccountId} does not have its one credit`);
  }
  const sample = await options.adminClient.send(
    new GetCommand({ TableName: options.tableName, Key: keys.sourceEvent(`bare-${bareNumber}`), ConsistentRead: true }),
  );
  if (!sample.Item) throw new Error("the bare loop's last item is missing");

  const total = (rounds: typeof handlerRounds) =>
    rounds.reduce(
      (sum, round) => ({
        cpuMicroseconds: sum.cpuMicroseconds + round.cpuMicroseconds,
        wallMilliseconds: sum.wallMilliseconds + round.wallMilliseconds,
      }),
      { cpuMicroseconds: 0, wallMilliseconds: 0 },
    );
  const handlerTotal = total(handlerRounds);
  const bareTotal = total(bareRounds);
  const events = roundEvents * options.rounds;
  const handlerEventsPerSecond = events / (handlerTotal.wallMilliseconds / 1000);
  const barePutsPerSecond = events / (bareTotal.wallMilliseconds / 1000);
  const bareTransactionEventsPerSecond = events / (total(bareTransactionRounds).wallMilliseconds / 1000);
  return {
    kinds,
    throughput: {
      events,
      batchSize,
      concurrency: limits.billingEventsConcurrency,
      handlerEventsPerSecond,
      handlerCpuMicrosecondsPerEvent: handlerTotal.cpuMicroseconds / events,
      barePutsPerSecond,
      bareCpuMicrosecondsPerPut: bareTotal.cpuMicroseconds / events,
      ratio: handlerEventsPerSecond / barePutsPerSecond,
      handlerRoundsEventsPerSecond: handlerRounds.map((round) => roundEvents / (round.wallMilliseconds / 1000)),
      bareRoundsPutsPerSecond: bareRounds.map((round) => roundEvents / (round.wallMilliseconds / 1000)),
      mixRequestsPerEvent: mix.requests / roundEvents,
      mixFailedByError: mix.failedByError,
      mixAttempts: mix.attempts,
      mixRequests: mix.requests,
      mixMeanMillisecondsByCommand: meanMillisecondsByCommand(mix),
      mixDynamoDbMillisecondsPerEvent: Object.values(mix.millisecondsByCommand).reduce((sum, value) => sum + value, 0) / roundEvents,
      bareMeanPutMilliseconds: meanMillisecondsByCommand(bareCounted).PutItemCommand ?? Number.NaN,
      bareTransactionsPerRound,
      bareTransactionEventsPerSecond,
      bareTransactionRoundsEventsPerSecond: bareTransactionRounds.map((round) => roundEvents / (round.wallMilliseconds / 1000)),
      ratioToTransactions: handlerEventsPerSecond / bareTransactionEventsPerSecond,
    },
  };
}
