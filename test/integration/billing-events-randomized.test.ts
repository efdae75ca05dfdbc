/**
 * A randomized replay (fast-check): long streams of payments, refunds and chargebacks, delivered with
 * duplicates, in random order (so later-paid payments often arrive before earlier-paid ones), in random
 * batches with two invocations at a time, on a DynamoDB client that throws a throttling error before
 * some requests; failed records are redelivered like SQS does. Afterwards: every balance equals the sum
 * of its entries, each event had exactly one effect, every referee is rewarded on exactly the payments
 * an oracle computed from payment times says (the earliest-paid first, ties by the smaller id; months-N
 * windows from it), no money appeared or disappeared (each referrer holds exactly what that model
 * says), every credit and reversal went out.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { SQSRecord } from "aws-lambda";
import fc from "fast-check";
import { createDocumentClient } from "../../shared/data/client.ts";
import { keys } from "../../shared/data/keys.ts";
import { proportionalShareMinor, shareOfMinor } from "../../shared/domain/money.ts";
import { demoOperatorConfig, ex2CreditPreset, zadarmaCommissionPreset } from "../../shared/domain/program-presets.ts";
import { recurrenceEndsAt } from "../../shared/domain/rewards.ts";
import type { Chargeback, InvoicePaid, InvoiceRefunded, RechargeCompleted } from "../../shared/schemas/billing-events.ts";
import { paymentRewardItemSchema } from "../../shared/schemas/ledger-items.ts";
import { chargeback, invoicePaid, invoiceRefunded, rechargeCompleted } from "../support/billing-event-builders.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEvent, sqsRecord } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup();

beforeAll(async () => {
  await setup.saveOperatorConfig({
    ...demoOperatorConfig,
    programs: [
      ...demoOperatorConfig.programs,
      { ...ex2CreditPreset, programId: "ex2-lifetime", rewards: [{ ...ex2CreditPreset.rewards![0]!, recurrence: { kind: "lifetime" } }] },
      {
        ...ex2CreditPreset,
        programId: "ex2-month",
        rewards: [{ ...ex2CreditPreset.rewards![0]!, recurrence: { kind: "months", months: 1 } }],
      },
      {
        ...zadarmaCommissionPreset,
        programId: "zadarma-month",
        rewards: [{ ...zadarmaCommissionPreset.rewards![0]!, recurrence: { kind: "months", months: 1 } }],
      },
    ],
  });
});

/** How each program's one rule recurs, for the oracle. */
const recurrenceByProgram: Record<string, { kind: "first_payment" | "lifetime" } | { kind: "months"; months: number }> = {
  "ex2-credit": { kind: "first_payment" },
  "ex2-lifetime": { kind: "lifetime" },
  "ex2-month": { kind: "months", months: 1 },
  "zadarma-partner": { kind: "lifetime" },
  "zadarma-month": { kind: "months", months: 1 },
};

/** The customers of a run: who refers them, in which program and currency, and how they pay. */
const customers = [
  { suffix: "ex2-a", referrer: "ex2", programId: "ex2-credit", currency: "EUR", pays: "invoice" },
  { suffix: "ex2-b", referrer: "ex2", programId: "ex2-credit", currency: "EUR", pays: "invoice" },
  { suffix: "ex2-life", referrer: "life", programId: "ex2-lifetime", currency: "CZK", pays: "invoice" },
  { suffix: "zd-a", referrer: "zd", programId: "zadarma-partner", currency: "EUR", pays: "recharge" },
  { suffix: "zd-b", referrer: "zd", programId: "zadarma-partner", currency: "CZK", pays: "recharge" },
  { suffix: "ex2-month", referrer: "month", programId: "ex2-month", currency: "EUR", pays: "invoice" },
  { suffix: "zd-month", referrer: "zdmonth", programId: "zadarma-month", currency: "EUR", pays: "recharge" },
  { suffix: "stranger", referrer: undefined, programId: undefined, currency: "EUR", pays: "invoice" },
] as const;

const scenarioArbitrary = fc.record({
  payments: fc.array(
    fc.record({
      customer: fc.integer({ min: 0, max: customers.length - 1 }),
      amountsMinor: fc.array(fc.integer({ min: 0, max: 40_000 }), { minLength: 1, maxLength: 3 }),
      dayOffset: fc.integer({ min: 0, max: 45 }),
    }),
    { minLength: 8, maxLength: 22 },
  ),
  reversals: fc.array(fc.record({ payment: fc.nat(), amountMinor: fc.integer({ min: 1, max: 30_000 }), chargeback: fc.boolean() }), {
    maxLength: 10,
  }),
  seed: fc.integer(),
});

type Scenario = typeof scenarioArbitrary extends fc.Arbitrary<infer T> ? T : never;

/** A small seeded PRNG (mulberry32), so a failing run replays from fast-check's seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A client that throws a throttling error before some requests reach DynamoDB Local (outside the SDK's own retries). */
function flakyClient(random: () => number, failureProbability: number): DynamoDBClient {
  const client = localDynamoDbClient();
  client.middlewareStack.add(
    (next) => async (args) => {
      if (random() < failureProbability)
        throw Object.assign(new Error("injected throttling"), { name: "ThrottlingException", $metadata: { httpStatusCode: 400 } });
      return await next(args);
    },
    { step: "build", name: "injectedThrottling" },
  );
  return client;
}

type StreamEvent = InvoicePaid | RechargeCompleted | InvoiceRefunded | Chargeback;

function buildEvents(run: string, scenario: Scenario): { events: StreamEvent[]; payments: (InvoicePaid | RechargeCompleted)[] } {
  const payments = scenario.payments.map((payment, index): InvoicePaid | RechargeCompleted => {
    const customer = customers[payment.customer]!;
    const accountId = `${run}-${customer.suffix}`;
    // Same day and same index modulo 3: the same paid-at time, so ties of payment times occur.
    const at = new Date(Date.UTC(2026, 0, 20, 10) + payment.dayOffset * 86_400_000 + (index % 3) * 1000).toISOString();
    if (customer.pays === "recharge")
      return rechargeCompleted({
        accountId,
        rechargeId: `${run}-rch-${index}`,
        amountMinor: Math.max(1, payment.amountsMinor[0]!),
        currency: customer.currency,
        completedAt: at,
      });
    return invoicePaid({
      accountId,
      invoiceId: `${run}-inv-${index}`,
      currency: customer.currency,
      lines: payment.amountsMinor.map((amountMinor, line) => ({ sku: `sku-${line}`, category: "hosting", amountMinor })),
      paidAt: at,
    });
  });
  const reversals = scenario.reversals.map((reversal, index): InvoiceRefunded | Chargeback => {
    const payment = payments[reversal.payment % payments.length]!;
    const common = { accountId: payment.data.accountId, amountMinor: reversal.amountMinor, currency: payment.data.currency };
    if (payment.type === "recharge.completed")
      return chargeback({ ...common, rechargeId: payment.data.rechargeId, chargebackId: `${run}-cb-${index}` });
    return reversal.chargeback
      ? chargeback({ ...common, invoiceId: payment.data.invoiceId, chargebackId: `${run}-cb-${index}` })
      : invoiceRefunded({ ...common, invoiceId: payment.data.invoiceId, refundId: `${run}-ref-${index}` });
  });
  return { events: [...payments, ...reversals], payments };
}

/** Plays SQS: shuffled deliveries with duplicates, random batches two at a time, failed records redelivered. */
async function deliver(events: readonly StreamEvent[], random: () => number, failureProbability: number): Promise<void> {
  const deliveries: SQSRecord[] = events.flatMap((event) =>
    Array.from({ length: 1 + Math.floor(random() * 2.2) }, () => sqsRecord({ body: event })),
  );
  const queue = deliveries
    .map((record) => ({ record, order: random() }))
    .sort((left, right) => left.order - right.order)
    .map((item) => item.record);
  const dependencies = () => setup.dependenciesOn(createDocumentClient(flakyClient(random, failureProbability)));
  for (let rounds = 0; queue.length > 0; rounds += 1) {
    expect(rounds, "the stream should drain").toBeLessThan(400);
    const batches = [0, 1].map(() => queue.splice(0, 1 + Math.floor(random() * 10))).filter((batch) => batch.length > 0);
    const responses = await Promise.all(batches.map((batch) => setup.consume(sqsEvent(batch), dependencies())));
    batches.forEach((batch, index) => {
      const failed = new Set(responses[index]!.batchItemFailures.map((failure) => failure.itemIdentifier));
      queue.push(...batch.filter((record) => failed.has(record.messageId)));
    });
  }
}

function paymentRewardPk(payment: InvoicePaid | RechargeCompleted): string {
  return payment.type === "invoice.paid" ? keys.invoiceReward(payment.data.invoiceId).pk : keys.rechargeReward(payment.data.rechargeId).pk;
}

async function checkRun(run: string, events: readonly StreamEvent[], payments: ReturnType<typeof buildEvents>["payments"]): Promise<void> {
  const items = await setup.scanAll();
  expect(ledgerInvariantViolations(items)).toEqual([]);

  // Each event of a referred customer has had exactly one recorded effect; strangers none.
  for (const event of events) {
    const referred = !event.data.accountId.endsWith("stranger");
    const record = items.find((item) => item.pk === keys.sourceEvent(event.eventId).pk);
    if (referred) expect(record, `${event.type} ${event.eventId}`).toBeDefined();
    else expect(record).toBeUndefined();
  }
  expect(items.filter((item) => item.entityType === "ParkedEvent" && String(item.pk).includes(run))).toEqual([]);

  // The model: what each payment nets its referrer after its reversals, by referrer and currency.
  const reversedMinor = new Map<string, number>();
  for (const event of events) {
    if (event.type !== "invoice.refunded" && event.type !== "chargeback") continue;
    const paymentId = event.data.invoiceId ?? (event.type === "chargeback" ? event.data.rechargeId : undefined);
    reversedMinor.set(paymentId!, (reversedMinor.get(paymentId!) ?? 0) + event.data.amountMinor);
  }
  // The oracle: which payments earn, from payment times alone (not the delivery order).
  const paymentIdOf = (payment: InvoicePaid | RechargeCompleted) =>
    payment.type === "invoice.paid" ? payment.data.invoiceId : payment.data.rechargeId;
  const paidAtOf = (payment: InvoicePaid | RechargeCompleted) =>
    new Date(payment.type === "invoice.paid" ? payment.data.paidAt : payment.data.completedAt).getTime();
  const totalOf = (payment: InvoicePaid | RechargeCompleted) =>
    payment.type === "invoice.paid" ? payment.data.lines.reduce((sum, line) => sum + line.amountMinor, 0) : payment.data.amountMinor;
  const earning = new Set<string>();
  for (const customer of customers) {
    if (!customer.referrer) continue;
    // A free invoice is not a payment. The first: the earliest paid-at, then the smaller id (code units).
    const paid = payments
      .filter((payment) => payment.data.accountId === `${run}-${customer.suffix}` && totalOf(payment) > 0)
      .sort((left, right) => paidAtOf(left) - paidAtOf(right) || (paymentIdOf(left) < paymentIdOf(right) ? -1 : 1));
    const first = paid[0];
    if (!first) continue;
    const recurrence = recurrenceByProgram[customer.programId]!;
    for (const payment of paid) {
      const earns =
        recurrence.kind === "lifetime" ||
        payment === first ||
        (recurrence.kind === "months" &&
          paidAtOf(payment) < recurrenceEndsAt(new Date(paidAtOf(first)), recurrence.months, demoOperatorConfig.timeZone).getTime());
      if (earns) earning.add(paymentIdOf(payment));
    }
  }

  // A referee is rewarded on the wrong payments when one holds a reward (not reversed) that the oracle
  // does not give it, or lacks one the oracle gives.
  const rateBpsOf = (customer: (typeof customers)[number]) => (customer.pays === "recharge" ? 1_000 : 2_500);
  const wronglyRewarded = new Set<string>();
  let referees = 0;
  for (const customer of customers) {
    if (!customer.referrer) continue;
    referees += 1;
    for (const payment of payments.filter((candidate) => candidate.data.accountId === `${run}-${customer.suffix}`)) {
      const record = paymentRewardItemSchema.parse(items.find((item) => item.pk === paymentRewardPk(payment)));
      const rewarded = record.rewards.some((reward) => reward.reversedBy === undefined);
      const oracleRewards = earning.has(paymentIdOf(payment)) && shareOfMinor(totalOf(payment), rateBpsOf(customer)) > 0;
      if (rewarded !== oracleRewards) wronglyRewarded.add(customer.suffix);
    }
  }
  expect([...wronglyRewarded], `${wronglyRewarded.size} of ${referees} referees rewarded on the wrong payments`).toEqual([]);

  const expected = new Map<string, number>();
  for (const payment of payments) {
    const customer = customers.find((candidate) => payment.data.accountId === `${run}-${candidate.suffix}`)!;
    if (!customer.referrer) continue;
    const paymentId = paymentIdOf(payment);
    const totalMinor = totalOf(payment);
    if (totalMinor === 0 || !earning.has(paymentId)) continue;
    const earnedMinor = shareOfMinor(totalMinor, rateBpsOf(customer));
    const netMinor = earnedMinor - proportionalShareMinor(earnedMinor, Math.min(reversedMinor.get(paymentId) ?? 0, totalMinor), totalMinor);
    const key = `${run}-${customer.referrer} ${payment.data.currency}`;
    expected.set(key, (expected.get(key) ?? 0) + netMinor);
  }

  const actual = new Map<string, number>();
  for (const item of items) {
    if (item.entityType !== "LedgerAccount" || !String(item.holder).startsWith(`${run}-`)) continue;
    const key = `${item.holder} ${item.currency}`;
    actual.set(key, (actual.get(key) ?? 0) + Number(item.balanceMinor));
  }
  for (const key of new Set([...expected.keys(), ...actual.keys()])) expect(actual.get(key) ?? 0, key).toBe(expected.get(key) ?? 0);
}

describe("randomized billing-event streams", () => {
  it("keep the ledger exact under duplicates, reordering and transient DynamoDB failures", async () => {
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const run = `run${runs++}`;
        // Attributed before every payment of the stream; the clock goes back to its time afterwards.
        const now = setup.clock.now();
        setup.clock.set("2026-01-01T00:00:00.000Z");
        for (const customer of customers) {
          if (customer.referrer)
            await setup.seedReferral({
              refereeAccountId: `${run}-${customer.suffix}`,
              referrerAccountId: `${run}-${customer.referrer}`,
              programId: customer.programId,
              code: `${run}${customer.referrer}`.toUpperCase(),
            });
        }
        setup.clock.set(now);
        const { events, payments } = buildEvents(run, scenario);
        await deliver(events, randomFrom(scenario.seed), 0.12);
        await checkRun(run, events, payments);

        // Every credit and credit clawback reached the outbound queue, once.
        const outbound = (await setup.drain(setup.sqs.queueUrls.outbound)).map(
          (message) => JSON.parse(message.Body!) as { entryId: string },
        );
        const creditTransferIds = (await setup.scanAll())
          .filter(
            (item) =>
              item.entityType === "Transfer" &&
              (item.code === "credit_grant" || item.code === "credit_clawback") &&
              String(item.listedUnder).startsWith(`${run}-`),
          )
          .map((item) => String(item.transferId));
        expect(outbound.map((message) => message.entryId).sort()).toEqual([...creditTransferIds].sort());
        expect(await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter)).toEqual([]);
      }),
      { numRuns: 4, endOnFailure: true },
    );
  }, 120_000);
});
