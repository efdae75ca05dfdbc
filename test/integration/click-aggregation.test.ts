/**
 * The click aggregator on DynamoDB Local's real stream: N distinct visitors through the redirect handler,
 * the stream read by the local stream poller (as the local stack runs it) into the real handler, and the
 * counts read back through GET /accounts/{id}/referral. Then the stream's batches are delivered again,
 * whole, bisected and out of order, as Lambda may: the counts do not move.
 */
import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createGetReferralHandler } from "../../functions/http/get-referral.ts";
import { createRedirectHandler } from "../../functions/http/redirect.ts";
import type { LambdaStreamEvent } from "../../scripts/lib/stream-poller.ts";
import { createClickCounterStore } from "../../shared/data/click-counter-store.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { keys } from "../../shared/data/keys.ts";
import { TransientError } from "../../shared/errors.ts";
import { limits } from "../../shared/limits.ts";
import type { ReferralOverview } from "../../shared/schemas/api.ts";
import { aggregateClicks } from "../../shared/use-cases/aggregate-clicks.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { createTestClickAggregator, type TestClickAggregator } from "../support/click-stream.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { browserUserAgent, httpEvent, invoke, jsonBody } from "../support/http-events.ts";
import { createReferralTestSetup, type ReferralTestSetup } from "../support/referral-setup.ts";

const visitors = 120;

let setup: ReferralTestSetup;
let aggregator: TestClickAggregator;

beforeAll(async () => {
  setup = await createReferralTestSetup("2026-03-14T10:00:00.000Z");
  // Small batches, so the N clicks arrive in several deliveries.
  aggregator = createTestClickAggregator({ endpoint: setup.table.endpoint, table: setup.tableContext, clock: setup.clock, batchSize: 25 });
});

async function overviewStats(accountId: string) {
  const response = await invoke(
    createGetReferralHandler(setup.dependencies(), { referralLinkBaseUrl: "https://go.example.com" }),
    httpEvent({
      route: "/accounts/{accountId}/referral",
      path: `/accounts/${accountId}/referral`,
      principal: { kind: "account", accountId },
    }),
  );
  const stats = jsonBody<ReferralOverview>(response).stats;
  return { clickCount: stats.clickCount, clicksToday: stats.clicksByDay.find((day) => day.day === "2026-03-14")?.clickCount };
}

async function checkpointOf(shardId: string) {
  const result = await setup.table.documentClient.send(
    new GetCommand({ TableName: setup.table.tableName, Key: keys.clickStreamCheckpoint(shardId), ConsistentRead: true }),
  );
  return result.Item?.lastSequenceNumber as string | undefined;
}

describe("counts from the stream", () => {
  it(`counts ${visitors} distinct visitors exactly once, and a redelivery of the same batches adds nothing`, async () => {
    const accountId = "acct-aggregated";
    const code = (await ensureReferralLink(setup.dependencies(), accountId, "ex2-credit")).link.code;
    const handler = createRedirectHandler(setup.dependencies());
    for (let first = 0; first < visitors; first += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, offset) =>
          invoke(
            handler,
            httpEvent({ route: "/r/{link+}", path: `/r/${code}`, sourceIp: `198.18.0.${first + offset}`, userAgent: browserUserAgent }),
          ),
        ),
      );
    }
    // Repeats of the first 10 visitors within 24 hours: refused puts, nothing in the stream.
    for (let index = 0; index < 10; index += 1)
      await invoke(
        handler,
        httpEvent({ route: "/r/{link+}", path: `/r/${code}`, sourceIp: `198.18.0.${index}`, userAgent: browserUserAgent }),
      );

    expect(await overviewStats(accountId)).toEqual({ clickCount: 0, clicksToday: 0 }); // nothing before the aggregator runs
    await aggregator.drain();
    expect(await overviewStats(accountId)).toEqual({ clickCount: visitors, clicksToday: visitors });
    const delivered = [...aggregator.events];
    expect(delivered.length).toBeGreaterThanOrEqual(Math.ceil(visitors / 25));
    expect(delivered.reduce((sum, event) => sum + event.Records.length, 0)).toBe(visitors);
    const shardId = delivered[0]!.shardId;
    const lastSequenceNumber = (delivered.at(-1)!.Records.at(-1)!.dynamodb as { SequenceNumber: string }).SequenceNumber;
    expect(await checkpointOf(shardId)).toBe(lastSequenceNumber);

    // The same batches again (a retry after a timeout), bisected halves (bisect on error), and out of order.
    for (const event of delivered) await aggregator.invoke(event);
    for (const event of delivered) {
      const half = Math.ceil(event.Records.length / 2);
      await aggregator.invoke({ ...event, Records: event.Records.slice(0, half) });
      await aggregator.invoke({ ...event, Records: event.Records.slice(half) });
    }
    for (const event of [...delivered].reverse()) await aggregator.invoke({ ...event, Records: [...event.Records].reverse() });
    expect(await overviewStats(accountId)).toEqual({ clickCount: visitors, clicksToday: visitors });
    expect(await checkpointOf(shardId)).toBe(lastSequenceNumber);

    // And a poller that starts over from the shard's oldest record (a restarted local stack) adds nothing either.
    const restarted = createTestClickAggregator({ endpoint: setup.table.endpoint, table: setup.tableContext, clock: setup.clock });
    await restarted.drain();
    expect(restarted.events.reduce((sum, event) => sum + event.Records.length, 0)).toBe(visitors);
    expect(await overviewStats(accountId)).toEqual({ clickCount: visitors, clicksToday: visitors });
  }, 60_000);

  it("applies a batch that arrives partly applied: only the records past the checkpoint count", async () => {
    const accountId = "acct-partly";
    const code = (await ensureReferralLink(setup.dependencies(), accountId, "ex2-credit")).link.code;
    const handler = createRedirectHandler(setup.dependencies());
    for (let index = 0; index < 6; index += 1)
      await invoke(
        handler,
        httpEvent({ route: "/r/{link+}", path: `/r/${code}`, sourceIp: `198.19.0.${index}`, userAgent: browserUserAgent }),
      );
    await aggregator.drain(); // the earlier test's clicks are all applied; these six are in this batch
    const fresh = aggregator.events.at(-1)!;
    expect(fresh.Records).toHaveLength(6);
    expect(await overviewStats(accountId)).toMatchObject({ clickCount: 6 });

    // A second code: the function applied the first half of its batch, then failed; Lambda retries the whole batch.
    const otherAccount = "acct-partly-2";
    const other = (await ensureReferralLink(setup.dependencies(), otherAccount, "ex2-credit")).link.code;
    for (let index = 0; index < 6; index += 1)
      await invoke(
        handler,
        httpEvent({ route: "/r/{link+}", path: `/r/${other}`, sourceIp: `198.20.0.${index}`, userAgent: browserUserAgent }),
      );
    const failingHalfWay = createTestClickAggregator({
      endpoint: setup.table.endpoint,
      table: setup.tableContext,
      clock: setup.clock,
      intercept: async (event, deliver) => {
        if (event.Records.length === 0) return await deliver(event);
        await deliver({ ...event, Records: event.Records.slice(0, -3) });
        throw new Error("Task timed out before the last 3 records");
      },
    });
    await expect(failingHalfWay.drain()).rejects.toThrow(/timed out/);
    expect(await overviewStats(otherAccount)).toMatchObject({ clickCount: 3 });
    const retried = createTestClickAggregator({ endpoint: setup.table.endpoint, table: setup.tableContext, clock: setup.clock });
    await retried.drain(); // from the shard's oldest record: everything again
    expect(await overviewStats(otherAccount)).toMatchObject({ clickCount: 6 });
    expect(await overviewStats(accountId)).toMatchObject({ clickCount: 6 });
  });

  it("refuses an event without a shard id (a mapping without its tumbling window): nothing is counted", async () => {
    const event = { ...aggregator.events.at(-1)!, shardId: undefined };
    await expect(aggregator.invoke(event as unknown as LambdaStreamEvent)).rejects.toThrow(/shardId/);
  });
});

/**
 * Lost races, decided again from a fresh checkpoint (shared/use-cases/conflict-retries.ts). DynamoDB
 * Local cannot be made to lose a race at a chosen moment, so aws-sdk-client-mock stands in front of the
 * aggregator's client: it lets another delivery commit first, or cancels one transaction the way DynamoDB
 * does; every other request goes to DynamoDB Local.
 */
describe("a delivery that loses a race", () => {
  const mocks: { restore(): void }[] = [];
  afterEach(() => {
    for (const mock of mocks.splice(0)) mock.restore();
  });

  /** Clicks of `visitors` distinct visitors on a new code, read from the stream but not applied: the records and their shard. */
  async function undeliveredClicks(accountId: string, visitorCount: number, ipPrefix: string) {
    const code = (await ensureReferralLink(setup.dependencies(), accountId, "ex2-credit")).link.code;
    const handler = createRedirectHandler(setup.dependencies());
    for (let index = 0; index < visitorCount; index += 1)
      await invoke(
        handler,
        httpEvent({ route: "/r/{link+}", path: `/r/${code}`, sourceIp: `${ipPrefix}.${index}`, userAgent: browserUserAgent }),
      );
    const captured: LambdaStreamEvent[] = [];
    const reader = createTestClickAggregator({
      endpoint: setup.table.endpoint,
      table: setup.tableContext,
      clock: setup.clock,
      intercept: async (event) => captured.push(event),
    });
    await reader.drain();
    const ofCode = captured.flatMap((event) =>
      event.Records.filter((record) => (record.dynamodb as { NewImage: { code: { S: string } } }).NewImage.code.S === code).map(
        (record) => ({ shardId: event.shardId!, record }),
      ),
    );
    expect(ofCode).toHaveLength(visitorCount);
    expect(new Set(ofCode.map((click) => click.shardId)).size).toBe(1);
    return { accountId, shardId: ofCode[0]!.shardId, records: ofCode.map((click) => click.record) };
  }

  /** A client to the test table whose TransactWriteItems go through `transact` (given the real send), everything else straight to DynamoDB Local. */
  function interceptedClient(
    transact: (input: ConstructorParameters<typeof TransactWriteCommand>[0], send: () => Promise<unknown>) => Promise<unknown>,
  ): DynamoDBDocumentClient {
    const client = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
    const mock = mockClient(client);
    mocks.push(mock);
    mock
      .on(GetCommand)
      .callsFake((input: ConstructorParameters<typeof GetCommand>[0]) => setup.table.documentClient.send(new GetCommand(input)));
    mock
      .on(TransactWriteCommand)
      .callsFake((input: ConstructorParameters<typeof TransactWriteCommand>[0]) =>
        transact(input, () => setup.table.documentClient.send(new TransactWriteCommand(input))),
      );
    return client;
  }

  function cancelled(...codes: string[]): Error {
    return Object.assign(new Error("Transaction cancelled (played by aws-sdk-client-mock)"), {
      name: "TransactionCanceledException",
      CancellationReasons: codes.map((code) => ({ Code: code })),
      $metadata: { httpStatusCode: 400 },
    });
  }

  const storeOn = (documentClient: DynamoDBDocumentClient) =>
    createClickCounterStore({ documentClient, tableName: setup.table.tableName }, setup.clock);

  it("reads the checkpoint again when another delivery of the same batch moved it first, and adds nothing twice", async () => {
    const batch = await undeliveredClicks("acct-race-checkpoint", 4, "198.21.0");
    const other = createTestClickAggregator({ endpoint: setup.table.endpoint, table: setup.tableContext, clock: setup.clock });
    let transactions = 0;
    const client = interceptedClient(async (_input, send) => {
      transactions += 1;
      // The other delivery (a retry after a timeout) commits between this one's read and its write.
      if (transactions === 1) await other.invoke({ ...batch, Records: batch.records } as unknown as LambdaStreamEvent);
      return await send();
    });
    const summary = await aggregateClicks({ clickCounterStore: storeOn(client) }, batch);
    expect(summary).toMatchObject({ records: 4, applied: 0, redelivered: 4, transactions: 0 });
    expect(transactions).toBe(1); // the fresh plan had nothing left to write
    expect(await overviewStats(batch.accountId)).toEqual({ clickCount: 4, clicksToday: 4 });
  });

  it("decides again when another transaction held a counter (TransactionConflict), and counts once", async () => {
    const batch = await undeliveredClicks("acct-race-counter", 3, "198.22.0");
    let transactions = 0;
    const client = interceptedClient(async (_input, send) => {
      transactions += 1;
      if (transactions === 1) throw cancelled("TransactionConflict", "None", "None");
      return await send();
    });
    const summary = await aggregateClicks({ clickCounterStore: storeOn(client) }, batch);
    expect(summary).toMatchObject({ records: 3, applied: 3, redelivered: 0, transactions: 1 });
    expect(transactions).toBe(2);
    expect(await overviewStats(batch.accountId)).toEqual({ clickCount: 3, clicksToday: 3 });
  });

  it("throws a throttled transaction to the event source mapping, writing nothing; the retried batch counts", async () => {
    const batch = await undeliveredClicks("acct-race-throttled", 2, "198.23.0");
    const throttled = interceptedClient(async () => {
      throw cancelled("ThrottlingError", "None", "None");
    });
    await expect(aggregateClicks({ clickCounterStore: storeOn(throttled) }, batch)).rejects.toBeInstanceOf(TransientError);
    expect(await overviewStats(batch.accountId)).toEqual({ clickCount: 0, clicksToday: 0 });
    const retried = await aggregateClicks({ clickCounterStore: storeOn(setup.table.documentClient) }, batch);
    expect(retried).toMatchObject({ applied: 2, transactions: 1 });
    expect(await overviewStats(batch.accountId)).toEqual({ clickCount: 2, clicksToday: 2 });
  });

  it("gives up after limits.optimisticRetriesMax lost races with a TransientError, writing nothing", async () => {
    const batch = await undeliveredClicks("acct-race-lost", 1, "198.24.0");
    let transactions = 0;
    const alwaysHeld = interceptedClient(async () => {
      transactions += 1;
      throw cancelled("TransactionConflict", "None", "None");
    });
    await expect(aggregateClicks({ clickCounterStore: storeOn(alwaysHeld) }, batch)).rejects.toThrow(/still conflicting/);
    expect(transactions).toBe(limits.optimisticRetriesMax + 1);
    expect(await overviewStats(batch.accountId)).toEqual({ clickCount: 0, clicksToday: 0 });
  });
});
