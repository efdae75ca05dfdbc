/**
 * Zadarma (seed 001): 10 % of every recharge of every referred customer, for life, accrued as pending
 * commission in the half-month period of the recharge, in the operator's time zone (Europe/Prague).
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { keys, settlementKeys, settlementShardOf } from "../../shared/data/keys.ts";
import { periodAccrualItemSchema } from "../../shared/schemas/ledger-items.ts";
import { invoicePaid, rechargeCompleted } from "../support/billing-event-builders.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup("2026-04-02T10:00:00.000Z");

async function accrualOf(accountId: string, periodId: string) {
  const item = await setup.readItem(keys.periodAccrual(accountId, "zadarma-partner", periodId, "EUR"));
  return item ? periodAccrualItemSchema.parse(item) : undefined;
}

describe("Zadarma recharge commission", () => {
  it("accrues 10% of every recharge as pending commission in its half-month period, listed for settlement", async () => {
    await setup.seedReferral({ refereeAccountId: "zd-client-1", referrerAccountId: "zd-partner-1", programId: "zadarma-partner" });
    await setup.seedReferral({ refereeAccountId: "zd-client-2", referrerAccountId: "zd-partner-1", programId: "zadarma-partner" });
    const recharges = [
      rechargeCompleted({ accountId: "zd-client-1", amountMinor: 5_000, completedAt: "2026-03-02T09:00:00.000Z" }),
      rechargeCompleted({ accountId: "zd-client-1", amountMinor: 2_345, completedAt: "2026-03-03T09:00:00.000Z" }),
      rechargeCompleted({ accountId: "zd-client-2", amountMinor: 10_000, completedAt: "2026-03-04T09:00:00.000Z" }),
    ];

    const response = await setup.consume(sqsEventOf(recharges));

    expect(response.batchItemFailures).toEqual([]);
    const entries = await setup.entriesOf("zd-partner-1");
    expect(entries.map((entry) => [entry.code, entry.ledgerAccountKind, entry.amountMinor, entry.periodId]).sort()).toEqual([
      ["commission_accrual", "commission_pending", 1_000, "2026-03-1"],
      ["commission_accrual", "commission_pending", 235, "2026-03-1"], // 10% of 23.45 = 2.345, rounded half away from zero
      ["commission_accrual", "commission_pending", 500, "2026-03-1"],
    ]);
    // Each from the operator's commission expense: money moved, none created.
    expect(entries.map((entry) => entry.counterparty)).toEqual(
      Array(3).fill({ holder: "operator", kind: "commission_expense", currency: "EUR" }),
    );
    expect(await setup.balanceOf("zd-partner-1")).toMatchObject({
      commissionPendingMinor: 1_735,
      commissionAvailableMinor: 0,
      creditGrantedMinor: 0,
    });
    expect(await accrualOf("zd-partner-1", "2026-03-1")).toMatchObject({
      accruedMinor: 1_735,
      baseMinor: 17_345,
      entryCount: 3,
      accrualRateBps: 1_000,
      activeCustomers: 2, // two referees, three recharges: each counted once
    });
    expect(await setup.readReferral("zd-client-1")).toMatchObject({ commissionedPeriods: ["zadarma-partner#2026-03-1#EUR"] });

    const toSettle = await setup.table.documentClient.send(
      new QueryCommand({
        TableName: setup.table.tableName,
        IndexName: "gsi2",
        KeyConditionExpression: "gsi2pk = :partition",
        ExpressionAttributeValues: {
          ":partition": settlementKeys.accountsToSettlePartition("zadarma-partner", "2026-03-1", settlementShardOf("zd-partner-1")),
        },
      }),
    );
    expect(toSettle.Items?.map((item) => item.accountId)).toEqual(["zd-partner-1"]);
    expect(await setup.drain(setup.sqs.queueUrls.outbound)).toEqual([]); // commissions are not credits: nothing to send
  });

  it.each([
    ["23:59:59 on the 14th (Prague) is in the first half", "2026-03-14T22:59:59.000Z", "2026-03-1"],
    ["00:00 on the 15th (Prague) is in the second half", "2026-03-14T23:00:00.000Z", "2026-03-2"],
    ["23:59:59 on the 31st (Prague, summer time) is in the second half of March", "2026-03-31T21:59:59.000Z", "2026-03-2"],
    ["00:00 on 1 April (Prague) starts April's first half", "2026-03-31T22:00:00.000Z", "2026-04-1"],
  ])("places a recharge at %s", async (_, completedAt, periodId) => {
    const referee = `zd-boundary-${completedAt}`.replace(/[^A-Za-z0-9-]/g, "");
    await setup.seedReferral({ refereeAccountId: referee, referrerAccountId: "zd-partner-2", programId: "zadarma-partner" });
    const event = rechargeCompleted({ accountId: referee, amountMinor: 1_000, completedAt });
    await setup.consume(sqsEventOf([event]));
    const entry = (await setup.entriesOf("zd-partner-2")).find((candidate) => candidate.sourceEventId === event.eventId);
    expect(entry?.periodId).toBe(periodId);
    expect(await setup.readReferral(referee)).toMatchObject({ commissionedPeriods: [`zadarma-partner#${periodId}#EUR`] });
  });

  it("keeps earning for life", async () => {
    await setup.seedReferral({
      refereeAccountId: "zd-client-3",
      referrerAccountId: "zd-partner-3",
      programId: "zadarma-partner",
      attributedAt: "2021-01-02T10:00:00.000Z",
    });
    for (const completedAt of ["2021-01-05T10:00:00.000Z", "2026-03-20T10:00:00.000Z"])
      await setup.consumeAt(completedAt, sqsEventOf([rechargeCompleted({ accountId: "zd-client-3", amountMinor: 1_000, completedAt })]));
    expect((await setup.entriesOf("zd-partner-3")).map((entry) => entry.periodId).sort()).toEqual(["2021-01-1", "2026-03-2"]);
  });

  it("accrues a late recharge of an already settled period in the open period instead", async () => {
    await setup.seedReferral({ refereeAccountId: "zd-client-4", referrerAccountId: "zd-partner-4", programId: "zadarma-partner" });
    await setup.consume(
      sqsEventOf([rechargeCompleted({ accountId: "zd-client-4", amountMinor: 1_000, completedAt: "2026-03-20T10:00:00.000Z" })]),
    );
    // Settlement (a later issue) closes the period by setting settledAt on its accrual.
    await setup.table.documentClient.send(
      new UpdateCommand({
        TableName: setup.table.tableName,
        Key: keys.periodAccrual("zd-partner-4", "zadarma-partner", "2026-03-2", "EUR"),
        UpdateExpression: "SET settledAt = :at",
        ExpressionAttributeValues: { ":at": "2026-04-01T00:00:00.000Z" },
      }),
    );
    const late = rechargeCompleted({ accountId: "zd-client-4", amountMinor: 3_000, completedAt: "2026-03-30T10:00:00.000Z" });

    expect((await setup.consume(sqsEventOf([late]))).batchItemFailures).toEqual([]);

    const entry = (await setup.entriesOf("zd-partner-4")).find((candidate) => candidate.sourceEventId === late.eventId);
    expect(entry).toMatchObject({ periodId: "2026-04-1", amountMinor: 300 });
    expect(entry?.memo).toContain("late");
    expect(await accrualOf("zd-partner-4", "2026-03-2")).toMatchObject({ accruedMinor: 100 });
    expect(await accrualOf("zd-partner-4", "2026-04-1")).toMatchObject({ accruedMinor: 300 });
  });

  it("counts the first payment of each kind separately: an Ex2 customer's recharge does not use up its first paid invoice", async () => {
    await setup.seedReferral({ refereeAccountId: "ex2-recharging", referrerAccountId: "ex2-referrer-z", programId: "ex2-credit" });
    await setup.consume(sqsEventOf([rechargeCompleted({ accountId: "ex2-recharging", completedAt: "2026-03-01T10:00:00.000Z" })]));
    expect(await setup.entriesOf("ex2-referrer-z")).toEqual([]);
    expect(await setup.readReferral("ex2-recharging")).toMatchObject({ firstPaymentAt: "2026-03-01T10:00:00.000Z" });

    await setup.consume(
      sqsEventOf([invoicePaid({ accountId: "ex2-recharging", paymentMethod: "deposit", paidAt: "2026-03-02T10:00:00.000Z" })]),
    );
    expect((await setup.entriesOf("ex2-referrer-z")).map((entry) => entry.kind)).toEqual(["credit"]);
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("keeps every balance and accrual equal to the sum of its entries", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
  });
});
