/**
 * The click aggregator on DynamoDB Local's real stream: N distinct visitors through the redirect handler,
 * the stream read by the local stream poller (as the local stack runs it) into the real handler, and the
 * counts read back through GET /accounts/{id}/referral. Then the stream's batches are delivered again,
 * whole, bisected and out of order, as Lambda may: the counts do not move.
 */
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createGetReferralHandler } from "../../functions/http/get-referral.ts";
import { createRedirectHandler } from "../../functions/http/redirect.ts";
import type { LambdaStreamEvent } from "../../scripts/lib/stream-poller.ts";
import { keys } from "../../shared/data/keys.ts";
import type { ReferralOverview } from "../../shared/schemas/api.ts";
import { createTestClickAggregator, type TestClickAggregator } from "../support/click-stream.ts";
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
    const code = (await setup.dependencies().referralStore.ensureReferralLink(accountId, "ex2-credit")).link.code;
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
    const code = (await setup.dependencies().referralStore.ensureReferralLink(accountId, "ex2-credit")).link.code;
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
    const other = (await setup.dependencies().referralStore.ensureReferralLink(otherAccount, "ex2-credit")).link.code;
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
