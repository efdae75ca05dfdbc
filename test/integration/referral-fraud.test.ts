/**
 * Rewards stop for a referral the operator marks fraudulent (POST /referrals/{refereeAccountId}/fraud),
 * and self-referrals never earn.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createMarkReferralFraudulentHandler } from "../../functions/http/mark-referral-fraudulent.ts";
import { createReferralStatusStore } from "../../shared/data/referral-status-store.ts";
import { invoicePaid, rechargeCompleted } from "../support/billing-event-builders.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

let markFraudulent: ReturnType<typeof createMarkReferralFraudulentHandler>;

const setup = useLedgerTestSetup();

beforeAll(async () => {
  const table = { ...setup.tableContext, documentClient: withGrantsOf(["mark-referral-fraudulent"], setup.tableContext.documentClient) };
  markFraudulent = createMarkReferralFraudulentHandler(createReferralStatusStore(table, setup.clock));
});

function fraudRequest(refereeAccountId: string, principal: TestPrincipal = { kind: "operator" }) {
  return httpEvent({
    method: "POST",
    route: "/referrals/{refereeAccountId}/fraud",
    path: `/referrals/${refereeAccountId}/fraud`,
    principal,
  });
}

describe("fraudulent referrals and self-referrals", () => {
  it("stops a referral's rewards from the moment the operator marks it fraudulent, keeping earlier ones", async () => {
    await setup.seedReferral({ refereeAccountId: "fraud-client", referrerAccountId: "fraud-partner", programId: "zadarma-partner" });
    await setup.consume(sqsEventOf([rechargeCompleted({ accountId: "fraud-client", amountMinor: 10_000 })]));

    const response = await invoke(markFraudulent, fraudRequest("fraud-client"));
    expect(response.statusCode).toBe(200);
    expect(jsonBody(response)).toMatchObject({
      referral: { status: "fraudulent", markedFraudulentAt: "2026-03-14T10:00:00.000Z" },
      markedFraudulentAt: "2026-03-14T10:00:00.000Z",
    });

    const after = rechargeCompleted({ accountId: "fraud-client", amountMinor: 10_000 });
    expect((await setup.consume(sqsEventOf([after]))).batchItemFailures).toEqual([]);
    expect((await setup.entriesOf("fraud-partner")).map((entry) => entry.amountMinor)).toEqual([1_000]);
    expect(await setup.balanceOf("fraud-partner")).toMatchObject({ commissionPendingMinor: 1_000 });
  });

  it("marks idempotently, keeping the first marking time", async () => {
    await setup.seedReferral({ refereeAccountId: "fraud-client-2", referrerAccountId: "fraud-partner-2", programId: "ex2-credit" });
    await invoke(markFraudulent, fraudRequest("fraud-client-2"));
    setup.clock.advance(60_000);
    const again = await invoke(markFraudulent, fraudRequest("fraud-client-2"));
    setup.clock.set("2026-03-14T10:00:00.000Z");
    expect(jsonBody(again)).toMatchObject({ markedFraudulentAt: "2026-03-14T10:00:00.000Z" });
  });

  it("earns nothing from the first invoice of a referral that was fraudulent from the start, and does not count it as a customer", async () => {
    await setup.seedReferral({
      refereeAccountId: "fraud-client-3",
      referrerAccountId: "fraud-partner-3",
      programId: "ex2-credit",
      status: "fraudulent",
    });
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "fraud-client-3" })]));
    expect(await setup.entriesOf("fraud-partner-3")).toEqual([]);
    expect(await setup.readReferral("fraud-client-3")).not.toHaveProperty("firstPaymentAt");
    expect(await setup.drain(setup.sqs.queueUrls.outbound)).toEqual([]);
  });

  it("answers 404 for an account without a referral, 403 to an account, 401 without a token", async () => {
    expect((await invoke(markFraudulent, fraudRequest("never-referred"))).statusCode).toBe(404);
    expect((await invoke(markFraudulent, fraudRequest("fraud-client", { kind: "account", accountId: "fraud-partner" }))).statusCode).toBe(
      403,
    );
    expect((await invoke(markFraudulent, fraudRequest("fraud-client", { kind: "anonymous" }))).statusCode).toBe(401);
    expect((await invoke(markFraudulent, fraudRequest("bad id!"))).statusCode).toBe(400);
  });

  it("never rewards a self-referral: the referrer as the customer or as the payer of its invoice", async () => {
    await setup.seedReferral({ refereeAccountId: "self-1", referrerAccountId: "self-1", programId: "ex2-credit" });
    await setup.consume(sqsEventOf([invoicePaid({ accountId: "self-1" })]));
    expect(await setup.entriesOf("self-1")).toEqual([]);

    await setup.seedReferral({ refereeAccountId: "agency-client", referrerAccountId: "agency", programId: "ex2-credit" });
    const paidByReferrer = invoicePaid({ accountId: "agency-client", payerAccountId: "agency" });
    await setup.consume(sqsEventOf([paidByReferrer]));
    expect(await setup.entriesOf("agency")).toEqual([]);
    expect(await setup.readItem({ pk: `EVENT#${paidByReferrer.eventId}`, sk: "EVENT" })).toMatchObject({
      outcome: "not_rewarded:self_referral",
    });
  });
});
