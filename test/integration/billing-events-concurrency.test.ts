/**
 * Messages for the same accounts racing in one batch and across parallel invocations lose no update:
 * balances and accruals move with ADD, first payments and refunds are guarded by conditions and
 * decided again after a lost race.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { keys } from "../../shared/data/keys.ts";
import { invoicePaid, invoiceRefunded, rechargeCompleted } from "../support/billing-event-builders.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

const setup = useLedgerTestSetup();

describe("concurrent billing events", () => {
  it("loses no update when one partner's clients recharge in one batch and in parallel invocations", async () => {
    const referees = Array.from({ length: 10 }, (_, index) => `race-client-${index}`);
    for (const referee of referees)
      await setup.seedReferral({ refereeAccountId: referee, referrerAccountId: "race-partner", programId: "zadarma-partner" });
    // Three invocations at once; each batch holds ten recharges, one client recharging several times.
    const batches = [0, 1, 2].map((batch) =>
      referees.map((referee, index) =>
        rechargeCompleted({ accountId: index < 5 ? referee : referees[batch]!, amountMinor: 1_000 + batch * 10 + index }),
      ),
    );

    const responses = await Promise.all(batches.map((batch) => setup.consume(sqsEventOf(batch), setup.dependencies())));

    expect(responses.flatMap((response) => response.batchItemFailures)).toEqual([]);
    const expectedMinor = batches.flat().reduce((sum, event) => sum + Math.round(event.data.amountMinor / 10), 0);
    expect(await setup.balanceOf("race-partner")).toMatchObject({ commissionPendingMinor: expectedMinor });
    expect(await setup.entriesOf("race-partner")).toHaveLength(30);
    expect(await setup.readItem(keys.periodAccrual("race-partner", "zadarma-partner", "2026-03-1", "EUR"))).toMatchObject({
      accruedMinor: expectedMinor,
      entryCount: 30,
    });
  });

  it("credits exactly one of two first invoices paid at the same time: the smaller id", async () => {
    await setup.seedReferral({ refereeAccountId: "twin-client", referrerAccountId: "twin-referrer", programId: "ex2-credit" });
    const twins = [
      invoicePaid({ accountId: "twin-client", invoiceId: "TWIN-B" }),
      invoicePaid({ accountId: "twin-client", invoiceId: "TWIN-A" }),
    ];

    const responses = await Promise.all(twins.map((event) => setup.consume(sqsEventOf([event]), setup.dependencies())));

    expect(responses.flatMap((response) => response.batchItemFailures)).toEqual([]);
    // Whichever committed first, the tie goes to TWIN-A (a credit of TWIN-B is reversed when TWIN-A follows it).
    const netByInvoice = new Map<string, number>();
    for (const entry of await setup.entriesOf("twin-referrer"))
      netByInvoice.set(entry.payment!.id, (netByInvoice.get(entry.payment!.id) ?? 0) + entry.amountMinor);
    expect(netByInvoice.get("TWIN-A")).toBe(2_500);
    expect(netByInvoice.get("TWIN-B") ?? 0).toBe(0);
    expect(await setup.balanceOf("twin-referrer")).toMatchObject({ creditGrantedMinor: 2_500 });
    expect(await setup.readItem(keys.referralCode((await setup.readReferral("twin-client"))!.code))).toMatchObject({ customerCount: 1 });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("counts two refunds of one invoice arriving at once against the same earned amount", async () => {
    await setup.seedReferral({
      refereeAccountId: "two-refunds-client",
      referrerAccountId: "two-refunds-referrer",
      programId: "ex2-credit",
    });
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "two-refunds-client", invoiceId: "inv-two-refunds" })]));
    const refunds = [6_000, 4_000].map((amountMinor) =>
      invoiceRefunded({ accountId: "two-refunds-client", invoiceId: "inv-two-refunds", amountMinor }),
    );

    const responses = await Promise.all(refunds.map((refund) => setup.consume(sqsEventOf([refund]), setup.dependencies())));

    expect(responses.flatMap((response) => response.batchItemFailures)).toEqual([]);
    expect(await setup.balanceOf("two-refunds-referrer")).toMatchObject({ creditGrantedMinor: 0 });
    expect(await setup.readItem(keys.invoiceReward("inv-two-refunds"))).toMatchObject({ refundedMinor: 10_000, revision: 2 });
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("applies a refund racing its own invoice exactly once, whichever wins", async () => {
    for (let round = 0; round < 5; round += 1) {
      const referee = `race-refund-client-${round}`;
      await setup.seedReferral({ refereeAccountId: referee, referrerAccountId: `race-refund-referrer-${round}`, programId: "ex2-credit" });
      const invoiceId = `inv-race-${round}`;
      const events = [
        invoicePaid({ accountId: referee, invoiceId }),
        invoiceRefunded({ accountId: referee, invoiceId, amountMinor: 5_000 }),
      ];

      const responses = await Promise.all(
        (round % 2 === 0 ? events : [...events].reverse()).map((event) => setup.consume(sqsEventOf([event]), setup.dependencies())),
      );

      expect(responses.flatMap((response) => response.batchItemFailures)).toEqual([]);
      expect((await setup.entriesOf(`race-refund-referrer-${round}`)).map((entry) => entry.amountMinor).sort((a, b) => a - b)).toEqual([
        -1_250, 2_500,
      ]);
    }
    await setup.drain(setup.sqs.queueUrls.outbound);
  });

  it("keeps every balance and accrual equal to the sum of its entries", async () => {
    expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
  });
});
