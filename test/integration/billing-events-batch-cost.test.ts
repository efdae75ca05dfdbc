/**
 * What a batch of 10 referred billing events costs in DynamoDB requests and write units, counted on the
 * real DynamoDB Local client by bench/lib/request-counter.ts (a middleware on the client the handler's
 * stores send through): requests are calls of `send`, write units follow AWS's transaction rule from the
 * requests (2 per item and started KB), read units are the ConsumedCapacity the engine reports. Issue 10
 * bounds a batch of referred events at 1.5 requests per event (docs/data-model.md, "Billing events:
 * requests per batch"): one BatchGetItem of the batch's referrals and one TransactWriteItems per event,
 * no Query for parked reversals; a batch of Ex2 credits adds one transaction confirming their outboxes, and one
 * SendMessageBatch sends them. Each customer's events are later payments (its first was applied beforehand),
 * so every row is the steady state of a busy program.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { SQSClient } from "@aws-sdk/client-sqs";
import { countRequests, emptyCounts, type RequestCounts, writeUnitsByAwsRule } from "../../bench/lib/request-counter.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import { createOutboundSender } from "../../shared/data/message-queues.ts";
import type { BillingEvent } from "../../shared/schemas/billing-events.ts";
import type { LedgerDependencies } from "../../shared/use-cases/ledger-dependencies.ts";
import { invoicePaid, rechargeCompleted } from "../support/billing-event-builders.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const batchSize = 10;
let counts: RequestCounts;
let dependencies: LedgerDependencies;
const setup = useLedgerTestSetup();

const customers = (program: string) =>
  Array.from({ length: batchSize }, (_, index) => ({
    referee: `batch-${program}-client-${index}`,
    referrer: `batch-${program}-partner-${index}`,
  }));
const zadarma = customers("zd");
const ex2 = customers("ex2");
let minute = 0;
/** Each payment paid a minute after the one before: never a new first. */
const paidAt = () => new Date(Date.parse("2026-03-11T09:00:00.000Z") + 60_000 * minute++).toISOString();

beforeAll(async () => {
  const client = localDynamoDbClient();
  counts = countRequests(client);
  dependencies = setup.dependenciesOn(createDocumentClient(client));
  for (const customer of zadarma)
    await setup.seedReferral({ refereeAccountId: customer.referee, referrerAccountId: customer.referrer, programId: "zadarma-partner" });
  for (const customer of ex2)
    await setup.seedReferral({ refereeAccountId: customer.referee, referrerAccountId: customer.referrer, programId: "ex2-credit" });
  // First payments (and the container's configuration read) before counting.
  await setup.consume(
    sqsEventOf(zadarma.map((customer) => rechargeCompleted({ accountId: customer.referee, completedAt: paidAt() }))),
    dependencies,
  );
  await setup.consume(sqsEventOf(ex2.map((customer) => invoicePaid({ accountId: customer.referee, paidAt: paidAt() }))), dependencies);
  await setup.drain(setup.sqs.queueUrls.outbound);
});

async function measure(events: readonly BillingEvent[], using: LedgerDependencies = dependencies): Promise<RequestCounts> {
  Object.assign(counts, emptyCounts());
  expect((await setup.consume(sqsEventOf(events), using)).batchItemFailures).toEqual([]);
  return { ...counts, byCommand: { ...counts.byCommand } };
}

const perEvent = (value: number) => value / batchSize;
const rows: string[] = [];
function report(name: string, measured: RequestCounts, queueRequests = 0): void {
  const commands = Object.entries(measured.byCommand)
    .map(([command, count]) => `${count} ${command.replace("Command", "")}`)
    .join(", ");
  rows.push(
    `| ${name} | ${perEvent(measured.requests)} (${commands}) | ${perEvent(writeUnitsByAwsRule(measured))} | ${perEvent(measured.readCapacityUnits)} | ${perEvent(queueRequests)} |`,
  );
}

describe("DynamoDB cost of a batch of 10 referred billing events (warm container)", () => {
  it("a batch of 10 Zadarma recharges, each earning a commission", async () => {
    const measured = await measure(zadarma.map((customer) => rechargeCompleted({ accountId: customer.referee, completedAt: paidAt() })));
    report("10 recharges earning a Zadarma commission", measured);
    expect(await setup.entriesOf(zadarma[0]!.referrer)).toHaveLength(2);
    expect(perEvent(measured.requests)).toBeLessThanOrEqual(1.5);
    expect(perEvent(writeUnitsByAwsRule(measured))).toBeLessThanOrEqual(14);
    expect(measured.byCommand).toEqual({ BatchGetItemCommand: 1, TransactWriteItemsCommand: batchSize });
  });

  it("a batch of 10 later Ex2 invoices (nothing earned, the reward record kept)", async () => {
    const measured = await measure(ex2.map((customer) => invoicePaid({ accountId: customer.referee, paidAt: paidAt() })));
    report("10 later Ex2 invoices", measured);
    expect(perEvent(measured.requests)).toBeLessThanOrEqual(1.5);
    expect(perEvent(writeUnitsByAwsRule(measured))).toBeLessThanOrEqual(4);
    expect(measured.byCommand).toEqual({ BatchGetItemCommand: 1, TransactWriteItemsCommand: batchSize });
  });

  it("a batch of 10 Ex2 first invoices, each sending its credit", async () => {
    const firsts = customers("ex2-first");
    for (const customer of firsts)
      await setup.seedReferral({ refereeAccountId: customer.referee, referrerAccountId: customer.referrer, programId: "ex2-credit" });
    const events = firsts.map((customer) => invoicePaid({ accountId: customer.referee, paidAt: paidAt() }));
    // The outbound queue's requests, counted on a real client of the local SQS server.
    const queueRequests: string[] = [];
    const queueClient = new SQSClient({
      endpoint: setup.sqs.endpoint,
      region: "eu-central-1",
      credentials: { accessKeyId: "x", secretAccessKey: "x" },
    });
    queueClient.middlewareStack.add(
      (next, context) => async (args) => {
        queueRequests.push(context.commandName ?? "?");
        return await next(args);
      },
      { step: "initialize" },
    );
    const measured = await measure(events, { ...dependencies, outbound: createOutboundSender(queueClient, setup.sqs.queueUrls.outbound) });
    report("10 Ex2 first invoices, credits sent", measured, queueRequests.length);
    const sent = await setup.drain(setup.sqs.queueUrls.outbound);
    expect(sent.length).toBe(batchSize);
    // The ten credits go to ten referrers: one SendMessageBatch at the batch's end, not a SendMessage per credit.
    expect(queueRequests).toEqual(["SendMessageBatchCommand"]);
    expect(sent.map((message) => message.Attributes?.MessageGroupId).sort()).toEqual(firsts.map((customer) => customer.referrer).sort());
    // The batch's reads and transactions as above, plus ONE transaction at the batch's end confirming every credit's
    // outbox (instead of an UpdateItem per credit): 1.2 requests per event.
    expect(measured.byCommand).toEqual({ BatchGetItemCommand: 1, TransactWriteItemsCommand: batchSize + 1 });
    expect(perEvent(measured.requests)).toBeLessThanOrEqual(1.5);
    // Every outbox is confirmed: its record left the unsent-outbox index, so the relay will not send it again.
    const confirmed = (await setup.scanAll()).filter(
      (item) => events.some((event) => event.eventId === item.eventId) && item.outboundSentAt !== undefined,
    );
    expect(confirmed.length).toBe(batchSize);
    const unsent = (await setup.scanAll()).filter((item) => item.gsi2pk !== undefined && String(item.pk).startsWith("EVENT#"));
    expect(unsent).toEqual([]);
  });

  it("prints the figures", () => {
    console.log(
      [
        "| batch | DynamoDB requests per event | write units per event (AWS rule) | read units per event | SQS requests per event |",
        "|---|---|---|---|---|",
        ...rows,
      ].join("\n"),
    );
  });
});
