/**
 * GET /accounts/{accountId}/commission-rates/{programId} on DynamoDB Local, through the real handler on its function's
 * grants: Zadarma's tiers made visible before settlement. The open half month's active customers come from the real
 * consumer's accruals; at the ladder's edge (24 → 25 active customers) the rate the period would be paid at moves from
 * the rule's 10 % to the 12 % tier, and the next tier from 25 to 100; an individual rate the operator sets overrides
 * the ladder and leaves no next tier. Only the partner and the operator may read it; a program without commission is 404.
 */
import { describe, expect, it, vi } from "vitest";

await vi.hoisted(() => import("../support/handler-environment.ts"));

import { createCommissionRatesHandler } from "../../functions/http/commission-rates.ts";
import { createGetCommissionRateHandler } from "../../functions/http/get-commission-rate.ts";
import { createCommissionRateDependencies, createSettlementDependencies } from "../../functions/wiring/settlement.ts";
import type { CommissionRateView } from "../../shared/schemas/settlement-api.ts";
import { rechargeCompleted } from "../support/billing-event-builders.ts";
import { withGrantsOf } from "../support/function-grants.ts";
import { httpEvent, invoke, jsonBody, type TestPrincipal } from "../support/http-events.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";

// 09:00 on 10 March 2026 in Prague: the first half of March is open, settled on the 15th.
const setup = useLedgerTestSetup("2026-03-10T08:00:00.000Z");
const program = "zadarma-partner";
const partner = "cr-partner-1";

const tableFor = (functionName: string) => ({
  documentClient: withGrantsOf([functionName], setup.table.documentClient),
  tableName: setup.table.tableName,
});

async function rateOf(accountId: string, principal: TestPrincipal = { kind: "account", accountId }, programId = program) {
  const handler = createGetCommissionRateHandler(
    createCommissionRateDependencies({ table: tableFor("get-commission-rate"), clock: setup.clock }),
  );
  return await invoke(
    handler,
    httpEvent({
      route: "/accounts/{accountId}/commission-rates/{programId}",
      path: `/accounts/${accountId}/commission-rates/${programId}`,
      principal,
    }),
  );
}

async function view(accountId = partner): Promise<CommissionRateView> {
  const response = await rateOf(accountId);
  expect(response.statusCode, response.body).toBe(200);
  return jsonBody<CommissionRateView>(response);
}

async function customersRecharging(from: number, to: number): Promise<void> {
  const events = [];
  for (let index = from; index < to; index += 1) {
    const refereeAccountId = `${partner}-client-${index}`;
    await setup.seedReferral({ refereeAccountId, referrerAccountId: partner, programId: program });
    events.push(rechargeCompleted({ accountId: refereeAccountId, amountMinor: 1_000, completedAt: "2026-03-09T10:00:00.000Z" }));
  }
  for (let at = 0; at < events.length; at += 10)
    expect((await setup.consume(sqsEventOf(events.slice(at, at + 10)))).batchItemFailures).toEqual([]);
}

describe("a partner's commission rate before settlement", () => {
  it("says the rule's rate and the first tier for a partner without commission yet in the open half month", async () => {
    expect(await view("cr-nobody-yet")).toEqual({
      accountId: "cr-nobody-yet",
      programId: program,
      individualRate: null,
      tiers: [
        { minActiveCustomers: 25, rateBps: 1_200 },
        { minActiveCustomers: 100, rateBps: 1_500 },
      ],
      ruleRateBps: 1_000,
      openPeriod: {
        periodId: "2026-03-1",
        firstDay: "2026-03-01",
        lastDay: "2026-03-14",
        settlesOn: "2026-03-15",
        currencies: [
          {
            currency: "EUR",
            accruedMinor: 0,
            baseMinor: 0,
            activeCustomers: 0,
            rateNow: {
              rateBps: 1_000,
              reason: { kind: "rule_rate" },
              explanation: "10 %: the program's rate; 0 active referred customers",
            },
            nextTier: { minActiveCustomers: 25, rateBps: 1_200 },
          },
        ],
      },
    });
  });

  it("moves to the 12 % tier at 25 active customers, counted from the consumer's accruals", async () => {
    await customersRecharging(0, 24);
    expect((await view()).openPeriod.currencies[0]).toMatchObject({
      accruedMinor: 2_400,
      baseMinor: 24_000,
      activeCustomers: 24,
      rateNow: { rateBps: 1_000, reason: { kind: "rule_rate" } },
      nextTier: { minActiveCustomers: 25, rateBps: 1_200 },
    });
    await customersRecharging(24, 25);
    expect((await view()).openPeriod.currencies[0]).toMatchObject({
      activeCustomers: 25,
      rateNow: {
        rateBps: 1_200,
        reason: { kind: "tier", minActiveCustomers: 25 },
        explanation: "12 %: 25 active referred customers, at least 25 for this tier",
      },
      nextTier: { minActiveCustomers: 100, rateBps: 1_500 },
    });
  });

  it("shows the individual rate the operator set over the ladder, without a next tier", async () => {
    const setRate = createCommissionRatesHandler(
      createSettlementDependencies({
        table: tableFor("commission-rates"),
        clock: setup.clock,
        queueClient: setup.queueClient,
        outboundQueueUrl: setup.sqs.queueUrls.outbound,
        settlementQueueUrl: setup.sqs.queueUrls.settlement,
      }),
    );
    const set = await invoke(
      setRate,
      httpEvent({
        method: "PUT",
        route: "/accounts/{accountId}/commission-rates/{programId}",
        path: `/accounts/${partner}/commission-rates/${program}`,
        body: { rateBps: 1_800 },
        principal: { kind: "operator" },
      }),
    );
    expect(set.statusCode, set.body).toBe(200);
    const rate = await view();
    expect(rate.individualRate).toEqual({ rateBps: 1_800, setAt: setup.clock.now().toISOString() });
    expect(rate.openPeriod.currencies[0]).toMatchObject({
      activeCustomers: 25,
      rateNow: { rateBps: 1_800, reason: { kind: "individual_rate" } },
      nextTier: null,
    });
  });

  it("answers the partner and the operator only; a program without commission is 404", async () => {
    expect((await rateOf(partner, { kind: "operator" })).statusCode).toBe(200);
    expect((await rateOf(partner, { kind: "account", accountId: "cr-someone-else" })).statusCode).toBe(403);
    expect((await rateOf(partner, { kind: "anonymous" })).statusCode).toBe(401);
    const noCommission = await rateOf(partner, { kind: "account", accountId: partner }, "ex2-credit");
    expect(noCommission.statusCode).toBe(404);
    expect((await rateOf(partner, { kind: "account", accountId: partner }, "Not A Program")).statusCode).toBe(400);
    // The operator's holder id is no partner: 400, as on the individual rate's routes.
    const operatorHolder = await rateOf("operator", { kind: "operator" });
    expect(operatorHolder.statusCode, operatorHolder.body).toBe(400);
    expect(operatorHolder.body).toContain("a customer account, not operator");
  });
});
