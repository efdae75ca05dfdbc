/**
 * A viral link, traced: a burst of clicks by distinct visitors on one code goes through the redirect
 * handler on DynamoDB Local under a simulated clock, the click aggregator runs on the table's real
 * stream once per simulated second (the mapping's 1 s batching window), and every write is recorded
 * with its partition key and simulated second. No key may take more than a handful of writes a second
 * however many clicks arrive: the clicks go to keys of their own, the counters take one transaction a batch.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { countRequests } from "../../bench/lib/request-counter.ts";
import { createRedirectHandler } from "../../functions/http/redirect.ts";
import { createRedirectDependencies } from "../../functions/wiring/redirect.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { ensureReferralLink } from "../../shared/use-cases/ensure-referral-link.ts";
import { createTestClickAggregator } from "../support/click-stream.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { browserUserAgent, httpEvent, invoke } from "../support/http-events.ts";
import { createReferralTestSetup, type ReferralTestSetup, testHashSalt } from "../support/referral-setup.ts";
import { busiestKeySecond, recordWrites } from "../support/write-recorder.ts";

const simulatedSeconds = 3;
const clicksPerSecond = 400;
const concurrency = 50;

let setup: ReferralTestSetup;

beforeAll(async () => {
  setup = await createReferralTestSetup("2026-03-14T10:00:00.000Z");
});

/** A distinct visitor per index (IPv4 from the index). */
const visitorIp = (index: number) => `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;

describe("a burst of clicks on one code", () => {
  it(`writes no partition key more than 2 times a simulated second at ${clicksPerSecond} clicks a second, and counts every click`, async () => {
    const code = (await ensureReferralLink(setup.dependencies(), "acct-viral", "ex2-credit")).link.code;
    const redirectClient = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
    const aggregatorClient = createDocumentClient(localDynamoDbClient(setup.table.endpoint));
    const handler = createRedirectHandler(
      createRedirectDependencies({
        // with the redirect function's grants only: it may put counted clicks, not touch a counter
        table: { documentClient: withGrantsOf(["redirect"], redirectClient), tableName: setup.table.tableName },
        clock: setup.clock,
        hashSalt: testHashSalt,
      }),
    );
    const aggregator = createTestClickAggregator({
      endpoint: setup.table.endpoint,
      table: { documentClient: aggregatorClient, tableName: setup.table.tableName },
      clock: setup.clock,
    });

    // A warm container: one HEAD (never counted) has read the configuration and the code into the caches.
    await invoke(handler, httpEvent({ route: "/r/{link+}", path: `/r/${code}`, method: "HEAD" }));
    const redirectWrites = recordWrites(redirectClient, setup.clock);
    const aggregatorWrites = recordWrites(aggregatorClient, setup.clock);
    const redirectRequests = countRequests(redirectClient);

    const start = setup.clock.now().getTime();
    const statuses = new Map<number | undefined, number>();
    for (let second = 0; second < simulatedSeconds; second += 1) {
      for (let first = 0; first < clicksPerSecond; first += concurrency) {
        // The clock moves on through the second; each wave of simultaneous clicks shares an instant.
        setup.clock.set(new Date(start + second * 1000 + Math.floor((first / clicksPerSecond) * 1000)));
        const responses = await Promise.all(
          Array.from({ length: concurrency }, (_, offset) =>
            invoke(
              handler,
              httpEvent({
                route: "/r/{link+}",
                path: `/r/${code}`,
                sourceIp: visitorIp(second * clicksPerSecond + first + offset),
                userAgent: browserUserAgent,
              }),
            ),
          ),
        );
        for (const response of responses) statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      }
      setup.clock.set(new Date(start + second * 1000 + 999));
      await aggregator.drain(); // the mapping's batch of this second
    }
    const clicks = simulatedSeconds * clicksPerSecond;
    expect(statuses).toEqual(new Map([[302, clicks]]));

    // Per partition key and simulated second, over every write of the redirect and the aggregator.
    const all = [...redirectWrites, ...aggregatorWrites];
    expect(busiestKeySecond(all, (write) => write.partitionKey.startsWith("VISITOR#")).writes).toBe(1);
    const codeKey = busiestKeySecond(all, (write) => write.partitionKey === `CODE#${code}`);
    expect(codeKey.writes).toBe(2); // code counter + day counter, once per batch
    expect(busiestKeySecond(all).writes).toBeLessThanOrEqual(2);
    const codeWritesBySecond = Array.from(
      { length: simulatedSeconds },
      (_, second) =>
        all.filter((write) => write.partitionKey === `CODE#${code}` && write.second === Math.floor(start / 1000) + second).length,
    );
    expect(codeWritesBySecond).toEqual(Array.from({ length: simulatedSeconds }, () => 2));

    // The redirect's path, warm: one request per counted click, a conditional put, at most 2 units each.
    expect(redirectRequests.byCommand).toEqual({ PutItemCommand: clicks });
    expect(redirectRequests.writeCapacityUnits).toBeLessThanOrEqual(2 * clicks);
    expect(new Set(redirectWrites.map((write) => write.partitionKey)).size).toBe(clicks);

    // Every click is counted, on the code and on the day.
    const stats = await setup.dependencies().referralStore.readStats(code, "2026-03-14");
    expect(stats.code?.clickCount).toBe(clicks);
    expect(Object.fromEntries(stats.clicksByDay)).toEqual({ "2026-03-14": clicks });
  }, 120_000);
});
