/**
 * The outbox relay (issue 6 item 6) on DynamoDB Local and the local SQS endpoint: an outbox whose send
 * failed after its effect committed, and that no redelivery will ever send again (a parked refund,
 * applied and unparked by its invoice's message), is found in the unsent-outbox index and sent by the
 * relay exactly once; the index is emptied as sends are confirmed; sent outboxes are left alone; a
 * run is bounded in time and failures; the backlog is published as a metric.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { createRelayOutboxHandler } from "../../functions/schedules/relay-outbox.ts";
import { keys, outboxKeys, unsentOutboxIndex } from "../../shared/data/keys.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { createOutboundSender, type OutboundSender } from "../../shared/data/message-queues.ts";
import { createOutboxStore } from "../../shared/data/outbox-store.ts";
import { TransientError } from "../../shared/errors.ts";
import { outboxRelayLimits } from "../../shared/limits.ts";
import { metrics } from "../../shared/observability.ts";
import { type OutboxRelayDependencies, outboxRelayMetricNames, relayOutbox } from "../../shared/use-cases/relay-outbox.ts";
import { invoicePaid, invoiceRefunded } from "../support/billing-event-builders.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { lambdaContext } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-03-10T08:00:00.000Z");
const afterGrace = (outboxRelayLimits.graceSeconds + 1) * 1000;

/** The relay's wiring, its table requests held to the function's catalog grants (as IAM would in AWS). */
function relayDependencies(overrides: Partial<OutboxRelayDependencies> = {}): OutboxRelayDependencies {
  const table = { documentClient: withGrantsOf(["relay-outbox"], setup.table.documentClient), tableName: setup.table.tableName };
  return {
    outboxStore: createOutboxStore(table),
    ledgerStore: createLedgerStore(table, setup.clock),
    outbound: createOutboundSender(setup.queueClient, setup.sqs.queueUrls.outbound),
    clock: setup.clock,
    ...overrides,
  };
}

const plentyOfTime = { remainingMilliseconds: () => 60_000 };

/** Every entry of the unsent-outbox index, all shards (read straight from the index, not through the store under test). */
async function unsentOutboxEventIds(): Promise<string[]> {
  const eventIds: string[] = [];
  for (let shard = 0; shard < outboxRelayLimits.shards; shard += 1) {
    const result = await setup.table.documentClient.send(
      new QueryCommand({
        TableName: setup.table.tableName,
        IndexName: unsentOutboxIndex,
        KeyConditionExpression: "gsi2pk = :partition",
        ExpressionAttributeValues: { ":partition": outboxKeys.partition(shard) },
      }),
    );
    eventIds.push(...(result.Items ?? []).map((item) => String(item.eventId)));
  }
  return eventIds.sort();
}

/** The real sender, except that it fails every message of one type. */
function failingFor(type: string): OutboundSender {
  const real = createOutboundSender(setup.queueClient, setup.sqs.queueUrls.outbound);
  return {
    async send(messages) {
      if (messages.some((message) => message.type === type)) throw new TransientError(`sending ${type} failed`);
      await real.send(messages);
    },
  };
}

const typesOf = (messages: { Body?: string | undefined }[]) => messages.map((message) => JSON.parse(message.Body!).type as string);

describe("the outbox relay", () => {
  it("sends a parked refund's clawback that failed after its commit, which no redelivery resends, exactly once", async () => {
    setup.clock.set("2026-03-10T08:00:00.000Z");
    await setup.seedReferral({ refereeAccountId: "relay-referee", referrerAccountId: "relay-referrer", programId: "ex2-credit" });
    setup.clock.set("2026-03-10T10:00:00.000Z");
    const refund = invoiceRefunded({
      accountId: "relay-referee",
      invoiceId: "inv-relay",
      amountMinor: 5_000,
      refundedAt: "2026-03-10T09:30:00.000Z",
    });
    const paid = invoicePaid({ accountId: "relay-referee", invoiceId: "inv-relay", paidAt: "2026-03-10T09:00:00.000Z" });
    expect((await setup.consume(sqsEventOf([refund]))).batchItemFailures).toEqual([]); // parked: no invoice yet

    // The invoice credits 25.00 and applies the parked refund (-12.50); the clawback's send fails.
    const failed = await setup.consume(sqsEventOf([paid]), setup.dependencies({ outbound: failingFor("credit.clawed_back") }));
    expect(failed.batchItemFailures).toHaveLength(1);
    // Its redelivery finds the invoice applied and sent, and nothing parked any more: the clawback is not resent.
    expect((await setup.consume(sqsEventOf([paid]))).batchItemFailures).toEqual([]);
    expect(typesOf(await setup.drain(setup.sqs.queueUrls.outbound))).toEqual(["credit.granted"]);
    expect((await setup.entriesOf("relay-referrer")).map((entry) => entry.amountMinor).sort((a, b) => a - b)).toEqual([-1_250, 2_500]);
    expect(await unsentOutboxEventIds()).toEqual([refund.eventId]);

    // Within the grace period the relay leaves it to its commit; after it, the relay sends it.
    const early = await relayOutbox(relayDependencies(), plentyOfTime);
    expect(early).toMatchObject({ backlog: 0, relayed: 0 });
    setup.clock.advance(afterGrace);
    const run = await createRelayOutboxHandler(relayDependencies())({}, lambdaContext("relay-outbox"));
    expect(run).toMatchObject({ backlog: 1, relayed: 1, messagesSent: 1, failed: 0, remaining: 0 });

    const relayed = await setup.drain(setup.sqs.queueUrls.outbound);
    expect(typesOf(relayed)).toEqual(["credit.clawed_back"]);
    const clawback = (await setup.entriesOf("relay-referrer")).find((entry) => entry.kind === "clawback")!;
    expect(JSON.parse(relayed[0]!.Body!)).toMatchObject({
      entryId: clawback.transferId,
      amountMinor: 1_250,
      sourceEventId: refund.eventId,
    });
    expect(relayed[0]!.Attributes).toMatchObject({ MessageGroupId: "relay-referrer", MessageDeduplicationId: clawback.transferId });
    expect(await unsentOutboxEventIds()).toEqual([]);
    expect(await setup.readItem(keys.sourceEvent(refund.eventId))).toMatchObject({ outboundSentAt: setup.clock.now().toISOString() });

    // Confirmed: later runs and redeliveries send nothing.
    setup.clock.advance(afterGrace);
    expect(await relayOutbox(relayDependencies(), plentyOfTime)).toMatchObject({ backlog: 0, relayed: 0 });
    await setup.consume(sqsEventOf([paid, refund]));
    expect(await setup.drain(setup.sqs.queueUrls.outbound)).toEqual([]);
  });

  it("does nothing on outboxes that were sent, and lists none of them", async () => {
    setup.clock.set("2026-03-11T08:00:00.000Z");
    await setup.seedReferral({ refereeAccountId: "sent-referee", referrerAccountId: "sent-referrer", programId: "ex2-credit" });
    setup.clock.set("2026-03-11T10:00:00.000Z");
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "sent-referee", paidAt: "2026-03-11T09:00:00.000Z" })]));
    expect(typesOf(await setup.drain(setup.sqs.queueUrls.outbound))).toEqual(["credit.granted"]);
    expect(await unsentOutboxEventIds()).toEqual([]);

    setup.clock.advance(afterGrace);
    const sends = vi.fn();
    expect(await relayOutbox(relayDependencies({ outbound: { send: sends } }), plentyOfTime)).toMatchObject({
      backlog: 0,
      relayed: 0,
      failed: 0,
    });
    expect(sends).not.toHaveBeenCalled();
  });

  it("retries on its next run when its own send fails (SQS unavailable once), then delivers once and clears the index", async () => {
    setup.clock.set("2026-03-12T08:00:00.000Z");
    await setup.seedReferral({ refereeAccountId: "retry-referee", referrerAccountId: "retry-referrer", programId: "ex2-credit" });
    setup.clock.set("2026-03-12T10:00:00.000Z");
    const paid = invoicePaid({ accountId: "retry-referee", paidAt: "2026-03-12T09:00:00.000Z" });
    await setup.consume(sqsEventOf([paid]), setup.dependencies({ outbound: failingFor("credit.granted") }));
    expect(await unsentOutboxEventIds()).toEqual([paid.eventId]);

    // A client whose first SendMessage fails as SQS would; later ones reach the local queue.
    const flakyQueue = new SQSClient({
      endpoint: setup.sqs.endpoint,
      region: "eu-central-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    const sqsMock = mockClient(flakyQueue);
    try {
      sqsMock
        .on(SendMessageCommand)
        .rejectsOnce(Object.assign(new Error("Service Unavailable"), { name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } }))
        .callsFake((input) => setup.queueClient.send(new SendMessageCommand(input)));
      const dependencies = relayDependencies({ outbound: createOutboundSender(flakyQueue, setup.sqs.queueUrls.outbound) });

      setup.clock.advance(afterGrace);
      expect(await relayOutbox(dependencies, plentyOfTime)).toMatchObject({ backlog: 1, relayed: 0, failed: 1, remaining: 1 });
      expect(await setup.drain(setup.sqs.queueUrls.outbound)).toEqual([]);
      expect(await unsentOutboxEventIds()).toEqual([paid.eventId]);

      setup.clock.advance(60_000);
      expect(await relayOutbox(dependencies, plentyOfTime)).toMatchObject({ backlog: 1, relayed: 1, failed: 0, remaining: 0 });
      expect(typesOf(await setup.drain(setup.sqs.queueUrls.outbound))).toEqual(["credit.granted"]);
      expect(await unsentOutboxEventIds()).toEqual([]);
      expect(sqsMock.commandCalls(SendMessageCommand)).toHaveLength(2);
    } finally {
      sqsMock.restore();
      flakyQueue.destroy();
    }
  });

  it("bounds a run: no new outbox past its time reserve, a stop after repeated failures; the rest waits, counted in the backlog", async () => {
    setup.clock.set("2026-03-13T08:00:00.000Z");
    const referees = ["bound-a", "bound-b", "bound-c", "bound-d", "bound-e"];
    for (const referee of referees)
      await setup.seedReferral({ refereeAccountId: referee, referrerAccountId: `${referee}-referrer`, programId: "ex2-credit" });
    setup.clock.set("2026-03-13T10:00:00.000Z");
    const failing = setup.dependencies({ outbound: failingFor("credit.granted") });
    for (const referee of referees)
      await setup.consume(sqsEventOf([invoicePaid({ accountId: referee, paidAt: "2026-03-13T09:00:00.000Z" })]), failing);
    expect(await unsentOutboxEventIds()).toHaveLength(referees.length);
    setup.clock.advance(afterGrace);

    const outOfTime = await relayOutbox(relayDependencies(), {
      remainingMilliseconds: () => outboxRelayLimits.timeReserveMilliseconds - 1,
    });
    expect(outOfTime).toMatchObject({ backlog: 5, relayed: 0, failed: 0, remaining: 5, stoppedBy: "time" });

    const sends = vi.fn(async () => {
      throw new TransientError("the outbound queue is unreachable");
    });
    const unreachable = await relayOutbox(relayDependencies({ outbound: { send: sends } }), plentyOfTime);
    expect(unreachable).toMatchObject({
      backlog: 5,
      relayed: 0,
      failed: outboxRelayLimits.failuresMax,
      remaining: 5,
      stoppedBy: "failures",
    });
    expect(sends).toHaveBeenCalledTimes(outboxRelayLimits.failuresMax);
    expect(await setup.drain(setup.sqs.queueUrls.outbound)).toEqual([]);

    const addMetric = vi.spyOn(metrics, "addMetric");
    try {
      const run = await createRelayOutboxHandler(relayDependencies())({}, lambdaContext("relay-outbox"));
      expect(run).toMatchObject({ backlog: 5, relayed: 5, remaining: 0 });
      expect(addMetric).toHaveBeenCalledWith(outboxRelayMetricNames.backlog, "Count", 5);
      expect(addMetric).toHaveBeenCalledWith(outboxRelayMetricNames.relayed, "Count", 5);
    } finally {
      addMetric.mockRestore();
    }
    expect(await setup.drain(setup.sqs.queueUrls.outbound)).toHaveLength(5);
    expect(await unsentOutboxEventIds()).toEqual([]);
  });
});
