/**
 * A fresh table on DynamoDB Local with the demo operator (all five programs), an in-process local SQS
 * server (local-aws-sqs, the one the local stack runs) with the catalog's queues, and the ledger
 * dependencies on a fixed clock, for the billing-events and ledger integration tests.
 *
 * Test files that import this must load ./handler-environment.ts first (vi.hoisted), because the
 * handler modules build their production wiring at load time.
 */
import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { SQSBatchResponse, SQSEvent } from "aws-lambda";
import { afterAll, beforeAll } from "vitest";
import { createBillingEventsHandler } from "../../functions/events/billing-events.ts";
import { createLedgerDependencies } from "../../functions/wiring/ledger.ts";
import { localAwsEnvironment } from "../../scripts/lib/dynamodb-local.ts";
import { type RunningLocalSqs, startLocalSqs } from "../../scripts/lib/local-sqs.ts";
import { keys } from "../../shared/data/keys.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOperatorConfigStore } from "../../shared/data/operator-config-store.ts";
import type { TableContext } from "../../shared/data/table-context.ts";
import { fixedClock } from "../../shared/domain/clock.ts";
import { type BalanceFigures, balanceFigures, ledgerEntriesOf } from "../../shared/domain/ledger/figures.ts";
import { demoOperatorConfig } from "../../shared/domain/program-presets.ts";
import { type ReferralItem, referralItemSchema } from "../../shared/schemas/items.ts";
import type { LedgerEntry } from "../../shared/schemas/ledger-api.ts";
import type { OperatorConfigInput } from "../../shared/schemas/operator-config.ts";
import { transferSchema } from "../../shared/schemas/transfer-items.ts";
import type { LedgerDependencies } from "../../shared/use-cases/ledger-dependencies.ts";
import { createTestTable, scanTable, type TestTable } from "./dynamodb.ts";
import { withGrantsOf } from "./function-grants.ts";
import { lambdaContext } from "./http-events.ts";

export const testHashSalt = "test-salt";

export interface LedgerTestSetup {
  readonly table: TestTable;
  readonly tableContext: TableContext;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly sqs: RunningLocalSqs;
  readonly queueClient: SQSClient;
  /** Fresh dependencies (empty caches), as a new Lambda container would have; override any part. */
  dependencies(overrides?: Partial<LedgerDependencies>): LedgerDependencies;
  /** Fresh dependencies whose table requests go through another client (counting, throttling, mocked). */
  dependenciesOn(documentClient: DynamoDBDocumentClient): LedgerDependencies;
  /** The real billing-events handler on these dependencies. */
  consume(event: SQSEvent, dependencies?: LedgerDependencies): Promise<SQSBatchResponse>;
  /**
   * The handler with the clock at `at` (then set back): a history that spans months or years is
   * received as it happens, each event shortly after its booking time, never years ahead of the clock.
   */
  consumeAt(at: string, event: SQSEvent): Promise<SQSBatchResponse>;
  /** Runs `work` with the clock at `instant`, then sets it back. */
  at<T>(instant: string, work: () => Promise<T>): Promise<T>;
  saveOperatorConfig(config: OperatorConfigInput): Promise<void>;
  seedReferral(referral: {
    refereeAccountId: string;
    referrerAccountId: string;
    programId: string;
    code?: string;
    status?: "active" | "fraudulent";
    /** When the referral was attributed (default: 2026-01-01, before the histories the tests tell). */
    attributedAt?: string;
  }): Promise<ReferralItem>;
  readReferral(refereeAccountId: string): Promise<ReferralItem | undefined>;
  readItem(key: { pk: string; sk: string }): Promise<Record<string, unknown> | undefined>;
  /** The account's ledger entries (each transfer's effect on its ledger accounts), oldest first. */
  entriesOf(accountId: string): Promise<LedgerEntry[]>;
  /** The account's dashboard figures in one currency (undefined when it holds nothing in it). */
  balanceOf(accountId: string, currency?: string): Promise<BalanceFigures | undefined>;
  /** Receives (and deletes) every message waiting on a queue. */
  drain(queueUrl: string): Promise<Message[]>;
  scanAll(): Promise<Record<string, unknown>[]>;
  stop(): Promise<void>;
}

export async function createLedgerTestSetup(startAt = "2026-03-14T10:00:00.000Z"): Promise<LedgerTestSetup> {
  const table = await createTestTable("ledger");
  const tableContext: TableContext = { documentClient: table.documentClient, tableName: table.tableName };
  const clock = fixedClock(startAt);
  async function clockAt<T>(instant: string, work: () => Promise<T>): Promise<T> {
    const before = clock.now();
    clock.set(instant);
    try {
      return await work();
    } finally {
      clock.set(before);
    }
  }
  await createOperatorConfigStore(tableContext, clock).save(demoOperatorConfig);
  const sqs = await startLocalSqs({ port: 0, visibilityTimeoutSeconds: 30 });
  const queueClient = new SQSClient({
    endpoint: sqs.endpoint,
    region: localAwsEnvironment.AWS_REGION,
    credentials: { accessKeyId: localAwsEnvironment.AWS_ACCESS_KEY_ID, secretAccessKey: localAwsEnvironment.AWS_SECRET_ACCESS_KEY },
    // As the functions' client (shared/data/client.ts): a keep-alive socket the local server closed
    // just as a request reused it (ECONNRESET) is retried, not reported as the test's failure.
    maxAttempts: 3,
  });

  const dependenciesOn = (documentClient: DynamoDBDocumentClient): LedgerDependencies =>
    createLedgerDependencies({
      // The consumer's code runs with the billing-events function's grants, as in AWS.
      table: { documentClient: withGrantsOf(["billing-events"], documentClient), tableName: table.tableName },
      clock,
      queueClient,
      outboundQueueUrl: sqs.queueUrls.outbound,
      deadLetterQueueUrl: sqs.queueUrls.billingEventsDeadLetter,
      hashSalt: testHashSalt,
    });
  const dependencies = (overrides: Partial<LedgerDependencies> = {}): LedgerDependencies => ({
    ...dependenciesOn(table.documentClient),
    ...overrides,
  });

  async function readItem(key: { pk: string; sk: string }) {
    const result = await table.documentClient.send(new GetCommand({ TableName: table.tableName, Key: key, ConsistentRead: true }));
    return result.Item;
  }

  return {
    table,
    tableContext,
    clock,
    sqs,
    queueClient,
    dependencies,
    dependenciesOn,
    async consume(event, deps = dependencies()) {
      return await createBillingEventsHandler(deps)(event, lambdaContext("billing-events"));
    },
    async consumeAt(at, event) {
      return await clockAt(new Date(Date.parse(at) + 60_000).toISOString(), () =>
        createBillingEventsHandler(dependencies())(event, lambdaContext("billing-events")),
      );
    },
    at: clockAt,
    async saveOperatorConfig(config) {
      await createOperatorConfigStore(tableContext, clock).save(config);
    },
    async seedReferral({
      refereeAccountId,
      referrerAccountId,
      programId,
      code = `C${referrerAccountId}`
        .replace(/[^A-Za-z0-9]/g, "")
        .slice(0, 16)
        .toUpperCase(),
      status = "active",
      attributedAt = "2026-01-01T00:00:00.000Z",
    }) {
      const referral = referralItemSchema.parse({
        refereeAccountId,
        referrerAccountId,
        programId,
        code,
        source: "link",
        attributedAt,
        status,
      });
      await table.documentClient.send(
        new PutCommand({
          TableName: table.tableName,
          Item: {
            ...keys.referral(refereeAccountId),
            ...keys.referralByReferrer(referrerAccountId, attributedAt, refereeAccountId),
            entityType: "Referral",
            ...referral,
          },
        }),
      );
      await table.documentClient
        .send(
          new PutCommand({
            TableName: table.tableName,
            Item: {
              ...keys.referralCode(code),
              entityType: "ReferralCode",
              code,
              accountId: referrerAccountId,
              programId,
              status: "active",
              createdAt: attributedAt,
              clickCount: 0,
              signupCount: 0,
              customerCount: 0,
            },
            ConditionExpression: "attribute_not_exists(pk)",
          }),
        )
        .catch((error: unknown) => {
          if (!(error instanceof Error) || error.name !== "ConditionalCheckFailedException") throw error;
        });
      return referral;
    },
    async readReferral(refereeAccountId) {
      const item = await readItem(keys.referral(refereeAccountId));
      return item ? referralItemSchema.parse(item) : undefined;
    },
    readItem,
    async entriesOf(accountId) {
      const entries: LedgerEntry[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await table.documentClient.send(
          new QueryCommand({
            TableName: table.tableName,
            KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
            ExpressionAttributeValues: { ":pk": keys.accountPartition(accountId), ":prefix": keys.transferPrefix },
            ConsistentRead: true,
            ExclusiveStartKey: startKey,
          }),
        );
        entries.push(...(page.Items ?? []).flatMap((item) => ledgerEntriesOf(transferSchema.parse(item), accountId)));
        startKey = page.LastEvaluatedKey;
      } while (startKey);
      return entries;
    },
    async balanceOf(accountId, currency = "EUR") {
      const accounts = await createLedgerStore(tableContext, clock).listLedgerAccounts(accountId);
      return balanceFigures(accounts).find((figures) => figures.currency === currency);
    },
    async drain(queueUrl) {
      const messages: Message[] = [];
      for (;;) {
        const received = await queueClient.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 0,
            MessageAttributeNames: ["All"],
            MessageSystemAttributeNames: ["All"],
            AttributeNames: ["All"],
          }),
        );
        const batch = received.Messages ?? [];
        if (batch.length === 0) return messages;
        messages.push(...batch);
        await queueClient.send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: batch.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
          }),
        );
      }
    },
    scanAll: () => scanTable(table),
    async stop() {
      queueClient.destroy();
      await sqs.stop();
    },
  };
}

/**
 * One setup for the whole test file: created before its first test, stopped after its last. The object
 * is filled in by that beforeAll hook, so use it inside hooks and tests only; a file's own beforeAll,
 * declared after this call, runs after it (vitest runs beforeAll hooks in order, afterAll in reverse).
 */
export function useLedgerTestSetup(startAt?: string): LedgerTestSetup {
  const setup = {} as LedgerTestSetup;
  beforeAll(async () => {
    Object.assign(setup, await createLedgerTestSetup(startAt));
  });
  afterAll(async () => {
    await setup.stop();
  });
  return setup;
}
