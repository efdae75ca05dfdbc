/**
 * AP25: the payer and administrator history of a service, from `service.payer_changed` (ACTIVE 24's
 * payer rule reads who paid at a time). One immutable item per change under SERVICE#serviceId, written
 * with the event's idempotency record, for every service whoever is referred; changes may arrive in
 * any order because the history is keyed by when each took effect.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { keys } from "../../shared/data/keys.ts";
import { createServiceStore } from "../../shared/data/service-store.ts";
import { servicePayerChanged } from "../support/billing-event-builders.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEvent, sqsEventOf, sqsRecord } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup();

async function historyOf(serviceId: string): Promise<Record<string, unknown>[]> {
  const partition = keys.servicePartition(serviceId);
  return (await setup.scanAll()).filter((item) => item.pk === partition);
}

/** The read the payer rule will make (no function calls it yet, so it runs on the table without a function's grants). */
const payerOf = (serviceId: string, at: string) => createServiceStore(setup.tableContext).payerOf(serviceId, new Date(at));

async function payerAt(serviceId: string, at: string): Promise<string | undefined> {
  return (await payerOf(serviceId, at))?.payerAccountId;
}

describe("the payer history of a service (AP25)", () => {
  it("answers who paid at each time from three changes delivered out of order", async () => {
    const serviceId = "SVC-history-1";
    const first = servicePayerChanged({
      serviceId,
      administratorAccountId: "history-admin-1",
      previousPayerAccountId: "history-admin-1",
      payerAccountId: "history-agency-1",
      changedAt: "2026-03-01T09:00:00.000Z",
    });
    const second = servicePayerChanged({
      serviceId,
      administratorAccountId: "history-admin-1",
      previousPayerAccountId: "history-agency-1",
      payerAccountId: "history-reseller-1",
      changedAt: "2026-03-05T12:00:00+01:00", // 11:00Z: another offset sorts as the instant it is
    });
    const third = servicePayerChanged({
      serviceId,
      administratorAccountId: "history-admin-2",
      previousPayerAccountId: "history-reseller-1",
      payerAccountId: "history-admin-2",
      changedAt: "2026-03-10T00:00:00.000Z",
    });

    for (const event of [third, first, second]) {
      expect((await setup.consume(sqsEventOf([event]))).batchItemFailures).toEqual([]);
    }

    expect(await payerAt(serviceId, "2026-02-28T23:59:59.999Z")).toBeUndefined();
    expect(await payerAt(serviceId, "2026-03-01T09:00:00.000Z")).toBe("history-agency-1");
    expect(await payerAt(serviceId, "2026-03-05T10:59:59.999Z")).toBe("history-agency-1");
    expect(await payerAt(serviceId, "2026-03-05T11:00:00.000Z")).toBe("history-reseller-1");
    expect(await payerAt(serviceId, "2026-03-09T23:59:59.999Z")).toBe("history-reseller-1");
    expect(await payerAt(serviceId, "2026-03-10T00:00:00.000Z")).toBe("history-admin-2");
    expect(await payerAt(serviceId, "2027-01-01T00:00:00.000Z")).toBe("history-admin-2");
    expect(await payerOf(serviceId, "2026-03-06T00:00:00.000Z")).toEqual({
      serviceId,
      payerAccountId: "history-reseller-1",
      previousPayerAccountId: "history-agency-1",
      administratorAccountId: "history-admin-1",
      changedAt: "2026-03-05T11:00:00.000Z",
      sourceEventId: second.eventId,
    });

    expect((await historyOf(serviceId)).map((item) => item.sk)).toEqual([
      `PAYER#2026-03-01T09:00:00.000Z#${first.eventId}`,
      `PAYER#2026-03-05T11:00:00.000Z#${second.eventId}`,
      `PAYER#2026-03-10T00:00:00.000Z#${third.eventId}`,
    ]);
    for (const event of [first, second, third]) {
      expect(await setup.readItem(keys.sourceEvent(event.eventId))).toMatchObject({ outcome: "payer_recorded", transferIds: [] });
    }
  });

  it("records a change of a service whose administrator has no referral, and keeps services apart", async () => {
    const mine = servicePayerChanged({ serviceId: "SVC-apart-1", administratorAccountId: "nobody-referred", payerAccountId: "payer-a" });
    const other = servicePayerChanged({ serviceId: "SVC-apart-2", administratorAccountId: "nobody-referred", payerAccountId: "payer-b" });
    await setup.consume(sqsEventOf([mine, other]));

    expect(await payerAt("SVC-apart-1", "2026-03-14T00:00:00.000Z")).toBe("payer-a");
    expect(await payerAt("SVC-apart-2", "2026-03-14T00:00:00.000Z")).toBe("payer-b");
    expect(await payerAt("SVC-never-changed", "2026-03-14T00:00:00.000Z")).toBeUndefined();
  });

  it("applies a redelivered change once: a duplicate, no second item", async () => {
    const event = servicePayerChanged({ serviceId: "SVC-dup-1", administratorAccountId: "dup-admin", payerAccountId: "dup-payer" });

    expect((await setup.consume(sqsEventOf([event, event]))).batchItemFailures).toEqual([]);
    expect((await setup.consume(sqsEventOf([{ ...event, occurredAt: "2026-03-13T00:00:00.000Z" }]))).batchItemFailures).toEqual([]);

    expect(await historyOf("SVC-dup-1")).toHaveLength(1);
    expect(await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter)).toEqual([]);
  });

  it("moves the same event id with another change to the dead-letter queue as payload_mismatch, keeping the first", async () => {
    const original = servicePayerChanged({
      serviceId: "SVC-mismatch-1",
      administratorAccountId: "mismatch-admin",
      payerAccountId: "mismatch-payer",
      changedAt: "2026-03-02T00:00:00.000Z",
    });
    const altered = { ...original, data: { ...original.data, payerAccountId: "someone-else", changedAt: "2026-03-03T00:00:00.000Z" } };
    await setup.consume(sqsEventOf([original]));
    const record = sqsRecord({ body: altered, messageId: "altered-payer-change" });

    expect((await setup.consume(sqsEvent([record]))).batchItemFailures).toEqual([]);

    const deadLetters = await setup.drain(setup.sqs.queueUrls.billingEventsDeadLetter);
    expect(deadLetters.map((message) => message.MessageAttributes?.reason?.StringValue)).toEqual(["payload_mismatch"]);
    expect(deadLetters[0]!.MessageAttributes?.eventId?.StringValue).toBe(original.eventId);
    expect((await historyOf("SVC-mismatch-1")).map((item) => item.payerAccountId)).toEqual(["mismatch-payer"]);
    expect(await payerAt("SVC-mismatch-1", "2026-03-04T00:00:00.000Z")).toBe("mismatch-payer");
  });

  it("posts no ledger entry or transfer for a payer change", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
    expect((await setup.scanAll()).filter((item) => item.entityType === "LedgerEntry" || item.entityType === "Transfer")).toEqual([]);
  });
});
