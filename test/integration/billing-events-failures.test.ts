/**
 * Bad input and transient failures never block a batch: a message that can never succeed goes to the
 * dead-letter queue with its reason and is reported as done (no retries wasted); a transient failure
 * (DynamoDB throttling, an SQS send failure) reports only its own record as failed. The engine cannot
 * throttle on demand, so aws-sdk-client-mock plays those failures on a client of its own.
 */
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { SendMessageBatchCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import {
  BatchGetCommand,
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { createDocumentClient } from "../../shared/data/client.ts";
import { keys } from "../../shared/data/keys.ts";
import { createDeadLetterSender, createOutboundSender } from "../../shared/data/message-queues.ts";
import { accountRegistered, chargeback, invoicePaid, invoiceRefunded, rechargeCompleted } from "../support/billing-event-builders.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEvent, sqsEventOf, sqsRecord } from "../support/sqs-events.ts";

const mocks: { restore(): void }[] = [];

const setup = useLedgerTestSetup();

afterEach(() => {
  for (const mock of mocks.splice(0)) mock.restore();
});

function throttling(): Error {
  return Object.assign(new Error("Rate of requests exceeds the allowed throughput."), {
    name: "ThrottlingException",
    $metadata: { httpStatusCode: 400 },
  });
}

/** What the tests use of aws-sdk-client-mock's stub, without its generic command types. */
interface CommandStub {
  on(command: unknown): { callsFake(fake: (input: never) => unknown): unknown };
  restore(): void;
}

/** A document client of its own whose every command goes to DynamoDB Local, except the ones a test overrides. */
function passThroughDocumentClient(): { client: DynamoDBDocumentClient; mock: CommandStub } {
  const real = setup.table.documentClient;
  const client = createDocumentClient(setup.table.client);
  const mock = mockClient(client) as unknown as CommandStub;
  mocks.push(mock);
  const commands = [
    GetCommand,
    PutCommand,
    UpdateCommand,
    DeleteCommand,
    QueryCommand,
    BatchGetCommand,
    TransactWriteCommand,
  ] as unknown as (new (
    input: never,
  ) => Parameters<typeof real.send>[0])[];
  for (const Command of commands) mock.on(Command).callsFake((input) => real.send(new Command(input)));
  return { client, mock };
}

describe("malformed messages", () => {
  it.each([
    ["a body that is not JSON", "{not json", "validation_failed"],
    [
      "an envelope without an event id",
      { type: "invoice.paid", version: 1, occurredAt: "2026-03-01T00:00:00Z", data: {} },
      "validation_failed",
    ],
    [
      "an unknown type",
      { eventId: "evt-unknown-type", type: "invoice.exploded", version: 1, occurredAt: "2026-03-01T00:00:00Z", data: {} },
      "unknown_event_type",
    ],
    ["an unknown version", { ...rechargeCompleted({ accountId: "v-client" }), version: 7 }, "unsupported_event_version"],
    [
      "invalid data",
      {
        ...rechargeCompleted({ accountId: "v-client" }),
        data: { rechargeId: "r", accountId: "v-client", amountMinor: 12.5, currency: "eur", completedAt: "yesterday" },
      },
      "validation_failed",
    ],
  ])("moves %s to the dead-letter queue with its reason, without a retry, next to a good message", async (_, body, reason) => {
    await setup.seedReferral({ refereeAccountId: "dlq-client", referrerAccountId: "dlq-partner", programId: "zadarma-partner" });
    const bad = sqsRecord({ body, messageId: `bad-${reason}` });
    const good = sqsRecord({ body: rechargeCompleted({ accountId: "dlq-client", amountMinor: 1_000 }) });

    const response = await setup.consume(sqsEvent([bad, good]));

    expect(response.batchItemFailures).toEqual([]);
    const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(deadLetters).toHaveLength(1);
    expect(deadLetters[0]!.Body).toBe(bad.body);
    expect(deadLetters[0]!.MessageAttributes?.reason?.StringValue).toBe(reason);
    expect(deadLetters[0]!.MessageAttributes?.originalMessageId?.StringValue).toBe(bad.messageId);
    expect(deadLetters[0]!.MessageAttributes?.reasonDetail?.StringValue?.length).toBeGreaterThan(0);
    expect((await setup.entriesOf("dlq-partner")).length).toBeGreaterThan(0);
  });

  describe("implausible booking times (issue 6 item 5; the clock is 2026-03-14T10:00Z)", () => {
    it.each([
      [
        "a recharge completed 2099-01-01",
        () => rechargeCompleted({ accountId: "bt-client", completedAt: "2099-01-01T00:00:00.000Z" }),
        "booking_time_in_future",
        "data.completedAt",
      ],
      [
        "an invoice paid 25 h ahead",
        () => invoicePaid({ accountId: "bt-client", paidAt: "2026-03-15T11:00:00.000Z" }),
        "booking_time_in_future",
        "data.paidAt",
      ],
      [
        "an invoice paid 401 days ago",
        () => invoicePaid({ accountId: "bt-client", paidAt: "2025-02-06T10:00:00.000Z" }),
        "booking_time_too_old",
        "data.paidAt",
      ],
      [
        "a refund dated next week",
        () => invoiceRefunded({ accountId: "bt-client", invoiceId: "inv-bt", amountMinor: 100, refundedAt: "2026-03-21T10:00:00.000Z" }),
        "booking_time_in_future",
        "data.refundedAt",
      ],
      [
        "a chargeback from 2020",
        () => chargeback({ accountId: "bt-client", invoiceId: "inv-bt", amountMinor: 100, chargedBackAt: "2020-01-01T00:00:00.000Z" }),
        "booking_time_too_old",
        "data.chargedBackAt",
      ],
      [
        "a registration in 2099",
        () => accountRegistered({ accountId: "bt-client", registeredAt: "2099-01-01T00:00:00.000Z" }),
        "booking_time_in_future",
        "data.registeredAt",
      ],
    ] as const)("moves %s to the dead-letter queue, writing nothing", async (_, build, reason, field) => {
      await setup.seedReferral({ refereeAccountId: "bt-client", referrerAccountId: "bt-partner", programId: "zadarma-partner" });
      const event = build();

      const response = await setup.consume(sqsEventOf([event]));

      expect(response.batchItemFailures).toEqual([]);
      const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
      expect(deadLetters.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual([reason]);
      expect(deadLetters[0]!.MessageAttributes?.reasonDetail?.StringValue).toContain(field);
      expect(await setup.readItem(keys.sourceEvent(event.eventId))).toBeUndefined();
      expect(await setup.entriesOf("bt-partner")).toEqual([]);
    });

    it("accepts a booking 24 h ahead and one 400 days back, the bounds themselves", async () => {
      await setup.seedReferral({
        refereeAccountId: "bt-client-2",
        referrerAccountId: "bt-partner-2",
        programId: "zadarma-partner",
        attributedAt: "2025-02-01T10:00:00.000Z",
      });
      const events = [
        rechargeCompleted({ accountId: "bt-client-2", amountMinor: 1_000, completedAt: "2025-02-07T10:00:00.000Z" }),
        rechargeCompleted({ accountId: "bt-client-2", amountMinor: 1_000, completedAt: "2026-03-15T10:00:00.000Z" }),
      ];
      expect((await setup.consume(sqsEventOf(events))).batchItemFailures).toEqual([]);
      expect(await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter)).toEqual([]);
      expect((await setup.entriesOf("bt-partner-2")).map((entry) => entry.periodId).sort()).toEqual(["2025-02-1", "2026-03-2"]);
    });
  });

  it("names the fields at fault in the reason detail", async () => {
    await setup.consume(
      sqsEventOf([
        {
          ...rechargeCompleted({ accountId: "v-client" }),
          data: { rechargeId: "r", accountId: "v-client", amountMinor: -5, currency: "EUR", completedAt: "2026-03-01T00:00:00Z" },
        },
      ]),
    );
    const [deadLetter] = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(deadLetter!.MessageAttributes?.reasonDetail?.StringValue).toContain("data.amountMinor");
  });

  it("dead-letters a ~1 MiB non-JSON body by reference (excerpt, SHA-256, size, reason) instead of retrying it", async () => {
    const body = "not json ".repeat(116_508).slice(0, 1024 * 1024 - 64);
    const response = await setup.consume(sqsEvent([sqsRecord({ body, messageId: "huge-poison" })]));

    expect(response.batchItemFailures).toEqual([]);
    const [deadLetter, ...others] = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(others).toEqual([]);
    const attributes = deadLetter!.MessageAttributes!;
    expect(attributes.reason?.StringValue).toBe("validation_failed");
    expect(attributes.originalMessageId?.StringValue).toBe("huge-poison");
    expect(attributes.bodyTruncated?.StringValue).toBe("true");
    const sha256 = createHash("sha256").update(body).digest("hex");
    expect(attributes.bodySha256?.StringValue).toBe(sha256);
    expect(JSON.parse(deadLetter!.Body!)).toEqual({
      deadLetteredByReference: true,
      reason: "validation_failed",
      bodyBytes: body.length,
      bodySha256: sha256,
      truncatedBody: body.slice(0, 64 * 1024),
    });
  });

  it("reports the message as failed when the dead-letter queue itself cannot be reached, so it comes back", async () => {
    const unreachable = new SQSClient({
      endpoint: "http://127.0.0.1:9",
      region: "eu-central-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    const sqsMock = mockClient(unreachable);
    mocks.push(sqsMock);
    sqsMock.on(SendMessageCommand).rejects(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }));
    const dependencies = {
      ...setup.dependencies(),
      deadLetters: createDeadLetterSender(unreachable, setup.sqs.queueUrls.billingEventsDeadLetter),
    };
    const bad = sqsRecord({ body: "nope" });
    expect((await setup.consume(sqsEvent([bad]), dependencies)).batchItemFailures).toEqual([{ itemIdentifier: bad.messageId }]);
  });
});

describe("transient failures", () => {
  it("reports only the record whose transaction was throttled as failed; the others succeed, the retry applies it once", async () => {
    const referees = ["thr-client-1", "thr-client-2", "thr-client-3"];
    for (const referee of referees)
      await setup.seedReferral({ refereeAccountId: referee, referrerAccountId: "thr-partner", programId: "zadarma-partner" });
    const events = referees.map((referee) => rechargeCompleted({ accountId: referee, amountMinor: 1_000 }));
    const records = events.map((event) => sqsRecord({ body: event }));
    const { client, mock } = passThroughDocumentClient();
    let throttled = false;
    mock.on(TransactWriteCommand).callsFake((input: ConstructorParameters<typeof TransactWriteCommand>[0]) => {
      if (!throttled) {
        throttled = true;
        throw throttling();
      }
      return setup.table.documentClient.send(new TransactWriteCommand(input));
    });

    const response = await setup.consume(sqsEvent(records), setup.dependenciesOn(client));

    expect(response.batchItemFailures).toHaveLength(1);
    const failedIndex = records.findIndex((record) => record.messageId === response.batchItemFailures[0]!.itemIdentifier);
    expect((await setup.entriesOf("thr-partner")).map((entry) => entry.sourceEventId).sort()).toEqual(
      events
        .filter((_, index) => index !== failedIndex)
        .map((event) => event.eventId)
        .sort(),
    );

    const retried = await setup.consume(sqsEvent([records[failedIndex]!]));
    expect(retried.batchItemFailures).toEqual([]);
    expect(await setup.balanceOf("thr-partner")).toMatchObject({ commissionPendingMinor: 300 });
  });

  it("reports a record as failed when its credit cannot be sent, and applies the effect only once across the retry", async () => {
    await setup.seedReferral({ refereeAccountId: "send-client", referrerAccountId: "send-referrer", programId: "ex2-credit" });
    const brokenQueue = new SQSClient({
      endpoint: setup.sqs.endpoint,
      region: "eu-central-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
      maxAttempts: 1,
    });
    const sqsMock = mockClient(brokenQueue);
    mocks.push(sqsMock);
    const unavailable = Object.assign(new Error("Service Unavailable"), { name: "ServiceUnavailable", $metadata: { httpStatusCode: 503 } });
    sqsMock.on(SendMessageCommand).rejects(unavailable);
    sqsMock.on(SendMessageBatchCommand).rejects(unavailable);
    const event = invoicePaid({ accountId: "send-client" });
    const record = sqsRecord({ body: event });

    const failing = await setup.consume(sqsEvent([record]), {
      ...setup.dependencies(),
      outbound: createOutboundSender(brokenQueue, setup.sqs.queueUrls.outbound),
    });
    expect(failing.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);

    expect((await setup.consume(sqsEvent([record]))).batchItemFailures).toEqual([]);
    expect(await setup.entriesOf("send-referrer")).toHaveLength(1);
    expect(await setup.drain(setup.sqs.queueUrls.outbound)).toHaveLength(1);
  });

  it("sends a batch's credits in one request; the one the queue refuses fails its own record, the others are confirmed", async () => {
    const customers = ["a", "b", "c"].map((name) => ({ referee: `batch-send-client-${name}`, referrer: `batch-send-referrer-${name}` }));
    for (const customer of customers)
      await setup.seedReferral({ refereeAccountId: customer.referee, referrerAccountId: customer.referrer, programId: "ex2-credit" });
    const events = customers.map((customer) => invoicePaid({ accountId: customer.referee }));
    const records = events.map((event) => sqsRecord({ body: event }));
    // The queue takes the batch but refuses the second referrer's credit (as SQS answers a batch entry it cannot take).
    const refusingQueue = new SQSClient({
      endpoint: setup.sqs.endpoint,
      region: "eu-central-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    const sqsMock = mockClient(refusingQueue);
    mocks.push(sqsMock);
    const requests: string[][] = [];
    sqsMock.on(SendMessageBatchCommand).callsFake(async (input: ConstructorParameters<typeof SendMessageBatchCommand>[0]) => {
      const entries = input.Entries ?? [];
      requests.push(entries.map((entry) => entry.MessageGroupId ?? ""));
      const taken = entries.filter((entry) => entry.MessageGroupId !== customers[1]!.referrer);
      await setup.queueClient.send(new SendMessageBatchCommand({ ...input, Entries: taken }));
      return {
        Successful: taken.map((entry) => ({ Id: entry.Id, MessageId: entry.Id, MD5OfMessageBody: "" })),
        Failed: entries
          .filter((entry) => !taken.includes(entry))
          .map((entry) => ({ Id: entry.Id, SenderFault: false, Code: "InternalError" })),
      };
    });

    const response = await setup.consume(sqsEvent(records), {
      ...setup.dependencies(),
      outbound: createOutboundSender(refusingQueue, setup.sqs.queueUrls.outbound),
    });

    // One request for the three (in the order the effects committed: across accounts, any).
    expect(requests.map((groups) => [...groups].sort())).toEqual([customers.map((customer) => customer.referrer).sort()]);
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: records[1]!.messageId }]);
    const delivered = await setup.drain(setup.sqs.queueUrls.outbound);
    expect(delivered.map((message) => message.Attributes?.MessageGroupId).sort()).toEqual(
      [customers[0]!.referrer, customers[2]!.referrer].sort(),
    );
    // Confirmed outboxes leave the relay's index; the refused one stays on it until its retry sends it.
    const recordOf = (index: number) => setup.readItem(keys.sourceEvent(events[index]!.eventId));
    expect(await recordOf(0)).toHaveProperty("outboundSentAt");
    expect(await recordOf(1)).not.toHaveProperty("outboundSentAt");
    expect(await recordOf(2)).toHaveProperty("outboundSentAt");

    expect((await setup.consume(sqsEvent([records[1]!]))).batchItemFailures).toEqual([]);
    expect((await setup.drain(setup.sqs.queueUrls.outbound)).map((message) => message.Attributes?.MessageGroupId)).toEqual([
      customers[1]!.referrer,
    ]);
    expect(await recordOf(1)).toHaveProperty("outboundSentAt");
    for (const customer of customers) expect(await setup.entriesOf(customer.referrer)).toHaveLength(1);
  });

  it("holds back the later events of an account after one fails, so they are retried in order; other accounts go on", async () => {
    await setup.seedReferral({ refereeAccountId: "order-client", referrerAccountId: "order-referrer", programId: "ex2-credit" });
    await setup.seedReferral({ refereeAccountId: "other-client", referrerAccountId: "other-referrer", programId: "zadarma-partner" });
    const first = invoicePaid({ accountId: "order-client", paidAt: "2026-03-01T10:00:00.000Z" });
    const second = invoicePaid({ accountId: "order-client", paidAt: "2026-03-02T10:00:00.000Z" });
    const other = rechargeCompleted({ accountId: "other-client" });
    const { client, mock } = passThroughDocumentClient();
    mock.on(TransactWriteCommand).callsFake((input: { TransactItems: { Put?: { Item?: { eventId?: string } } }[] }) => {
      if (input.TransactItems[0]?.Put?.Item?.eventId === first.eventId) throw throttling();
      return setup.table.documentClient.send(new TransactWriteCommand(input as never));
    });
    const records = [first, second, other].map((event) => sqsRecord({ body: event }));

    const response = await setup.consume(sqsEvent(records), setup.dependenciesOn(client));

    expect(response.batchItemFailures.map((failure) => failure.itemIdentifier)).toEqual([records[0]!.messageId, records[1]!.messageId]);
    expect(await setup.entriesOf("other-referrer")).toHaveLength(1);
    // The retry keeps the order: the first invoice earns the credit, the second nothing.
    await setup.consume(sqsEvent([records[0]!, records[1]!]));
    expect((await setup.entriesOf("order-referrer")).map((entry) => entry.sourceEventId)).toEqual([first.eventId]);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("keeps every balance equal to the sum of its entries after all of it", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
  });
});
