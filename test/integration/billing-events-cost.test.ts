/**
 * What one billing event costs in DynamoDB requests and write units, with a warm container (the
 * operator configuration cached), counted by bench/lib/request-counter.ts. Write units follow AWS's
 * billing rule (transactions: 2 units per item and started KB, computed from the request), because
 * DynamoDB Local under-reports multi-item transactions in its ConsumedCapacity. The bounds are today's
 * figures, so a change that adds a request or an item fails here; the figures are printed.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { countRequests, emptyCounts, type RequestCounts, writeUnitsByAwsRule } from "../../bench/lib/request-counter.ts";
import { createDocumentClient } from "../../shared/data/client.ts";
import type { BillingEvent } from "../../shared/schemas/billing-events.ts";
import type { LedgerDependencies } from "../../shared/use-cases/ledger-dependencies.ts";
import {
  invoiceIssued,
  invoicePaid,
  invoiceRefunded,
  rechargeCompleted,
  serviceActivated,
  serviceCancelled,
  servicePayerChanged,
} from "../support/billing-event-builders.ts";
import { localDynamoDbClient } from "../support/dynamodb.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

let counts: RequestCounts;
let dependencies: LedgerDependencies;

const setup = useLedgerTestSetup();

beforeAll(async () => {
  const client = localDynamoDbClient();
  counts = countRequests(client);
  dependencies = setup.dependenciesOn(createDocumentClient(client));
  await setup.seedReferral({ refereeAccountId: "cost-ex2-client", referrerAccountId: "cost-ex2-referrer", programId: "ex2-credit" });
  await setup.seedReferral({ refereeAccountId: "cost-zd-client", referrerAccountId: "cost-zd-partner", programId: "zadarma-partner" });
  // Warm the container: the operator configuration is then cached, as on a busy function.
  await setup.consume(sqsEventOf([rechargeCompleted({ accountId: "cost-zd-client" })]), dependencies);
});

async function measure(event: BillingEvent): Promise<RequestCounts> {
  Object.assign(counts, emptyCounts());
  expect((await setup.consume(sqsEventOf([event]), dependencies)).batchItemFailures).toEqual([]);
  return { ...counts, byCommand: { ...counts.byCommand } };
}

const rows: string[] = [];

describe("DynamoDB cost per billing event (warm container)", () => {
  it.each([
    ["invoice.paid of a customer without a referral", () => invoicePaid({ accountId: "cost-nobody" }), 1, 0],
    [
      "recharge.completed earning a Zadarma commission",
      // Completed after the warm-up recharge: a later one, not a new first (which would replace it).
      () => rechargeCompleted({ accountId: "cost-zd-client", amountMinor: 10_000, completedAt: "2026-03-11T09:00:00.000Z" }),
      // The referral (a BatchGetItem of the batch's referrals) and the transaction; no Query for parked reversals.
      2,
      // 12 + 2 for the double entry: the transfer's other side, one shard of the operator's commission_expense.
      14,
    ],
    [
      "invoice.paid earning the Ex2 first-invoice credit",
      () => invoicePaid({ accountId: "cost-ex2-client", invoiceId: "cost-inv-1" }),
      3,
      // 13 + 1: the mark takes the record out of the unsent-outbox index (gsi2), which DynamoDB Local
      // counts on the UpdateItem; listing it costs one more index write inside the transaction, which
      // the request-based rule does not see (docs/data-model.md counts both); + 2 for the double entry (a
      // shard of the operator's credit_expense).
      16,
    ],
    [
      "invoice.paid of an Ex2 customer after the first (earns nothing)",
      () => invoicePaid({ accountId: "cost-ex2-client", paidAt: "2026-03-11T09:00:00.000Z" }),
      2,
      4,
    ],
    [
      "invoice.refunded clawing back an Ex2 credit",
      () => invoiceRefunded({ accountId: "cost-ex2-client", invoiceId: "cost-inv-1", amountMinor: 5_000 }),
      3,
      // 11 + 2 for the applied-reversal record (REFUND#id): a resend under a new event id claws back nothing again;
      // + 1 for the unsent-outbox index removal, as above; + 2 for the double entry (the operator's side).
      16,
    ],
    ["invoice.issued of a customer without a referral", () => invoiceIssued({ accountId: "cost-nobody" }), 1, 0],
    // The idempotency record alone (one item in a transaction: 2 units), so its id cannot be used again.
    ["invoice.issued of a referred customer (no effect, id recorded)", () => invoiceIssued({ accountId: "cost-ex2-client" }), 2, 2],
    // The idempotency record, the change in the service's history and the new payer's PAID_SERVICE# item (3 items in a
    // transaction: 6 units), no read.
    [
      "service.payer_changed (whoever is referred)",
      () => servicePayerChanged({ administratorAccountId: "cost-nobody", payerAccountId: "cost-agency" }),
      1,
      6,
    ],
    // The idempotency record, the first payer, the activation and the payer's PAID_SERVICE# item (4 items: 8 units), no read.
    [
      "service.activated (whoever is referred)",
      () => serviceActivated({ administratorAccountId: "cost-nobody", payerAccountId: "cost-agency" }),
      1,
      8,
    ],
    // The idempotency record and the cancellation (2 items: 4 units), no read.
    [
      "service.cancelled (whoever is referred)",
      () => serviceCancelled({ administratorAccountId: "cost-nobody", serviceId: "cost-svc-1" }),
      1,
      4,
    ],
    [
      "invoice.refunded parked before its invoice",
      () => invoiceRefunded({ accountId: "cost-ex2-client", invoiceId: "cost-inv-later", amountMinor: 1_000 }),
      3,
      // The awaited mark where the payment's reward record goes (2), the parked event (2), the placeholder idempotency record (2).
      6,
    ],
  ] as const)("%s", async (name, build, requestsMax, writeUnitsMax) => {
    const measured = await measure(build());
    rows.push(
      `| ${name} | ${measured.requests} (${Object.entries(measured.byCommand)
        .map(([command, count]) => `${count} ${command.replace("Command", "")}`)
        .join(", ")}) | ${writeUnitsByAwsRule(measured)} | ${measured.readCapacityUnits} |`,
    );
    expect(measured.requests).toBeLessThanOrEqual(requestsMax);
    expect(writeUnitsByAwsRule(measured)).toBeLessThanOrEqual(writeUnitsMax);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("prints the figures", () => {
    console.log(["| event | DynamoDB requests | write units (AWS rule) | read units |", "|---|---|---|---|", ...rows].join("\n"));
  });
});
