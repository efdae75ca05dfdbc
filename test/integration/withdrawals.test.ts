/**
 * Withdrawals and referral contracts on DynamoDB Local, through the real handlers on their functions'
 * grants (the Zadarma program: more than 100.00 EUR available, a contract on file): threshold edges,
 * refusals by name, one open withdrawal per account, program and currency, racing requests that never
 * reserve more than is available, idempotent paid and failed, a clawback after payout that blocks
 * withdrawals until later commissions recover it, and the outbound messages. The ledger's invariants
 * hold after every test.
 */
await vi.hoisted(() => import("../support/handler-environment.ts"));

import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { keys } from "../../shared/data/keys.ts";
import { createLedgerStore } from "../../shared/data/ledger-store.ts";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";
import { demoOperatorConfig, zadarmaCommissionPreset } from "../../shared/domain/program-presets.ts";
import { outboundMessageSchema } from "../../shared/schemas/outbound-messages.ts";
import type { WithdrawalItem } from "../../shared/schemas/withdrawal-items.ts";
import { requestWithdrawal } from "../../shared/use-cases/request-withdrawal.ts";
import { resolveWithdrawal } from "../../shared/use-cases/resolve-withdrawal.ts";
import { chargeback, rechargeCompleted } from "../support/billing-event-builders.ts";
import { jsonBody } from "../support/http-events.ts";
import { ledgerInvariantViolations } from "../support/ledger-invariants.ts";
import { useLedgerTestSetup } from "../support/ledger-setup.ts";
import { sqsEventOf } from "../support/sqs-events.ts";
import { fundAvailable, withdrawalDependenciesOf, withdrawalRoutes } from "../support/withdrawal-setup.ts";

const setup = useLedgerTestSetup("2026-03-16T09:00:00.000Z");
let api: ReturnType<typeof withdrawalRoutes>;
const program = "zadarma-partner";
/** A second commission program paying out from the same commission_available (a partner in two programs). */
const secondProgram = "zadarma-reseller";

beforeAll(async () => {
  api = withdrawalRoutes(setup);
  await setup.saveOperatorConfig({
    ...demoOperatorConfig,
    programs: [
      ...demoOperatorConfig.programs,
      {
        ...zadarmaCommissionPreset,
        programId: secondProgram,
        name: "Zadarma reseller commission",
        commission: {
          ...zadarmaCommissionPreset.commission!,
          payout: { thresholds: [{ currency: "EUR", exceedsMinor: 5_000 }], contractRequired: false },
        },
      },
    ],
  });
});

afterEach(async () => {
  expect(ledgerInvariantViolations(await setup.scanAll())).toEqual([]);
});

const withdrawalOf = (response: { body?: string }) => (jsonBody(response) as { withdrawal: WithdrawalItem }).withdrawal;
const errorCodeOf = (response: { body?: string }) => (jsonBody(response) as { error: { code: string } }).error.code;
const request = (accountId: string, withdrawalId: string, extra: Record<string, unknown> = {}) =>
  api.request(accountId, { withdrawalId, programId: program, currency: "EUR", ...extra });

async function partnerWithContract(accountId: string): Promise<void> {
  const recorded = await api.recordContract(accountId, program, { documentReference: `RC-${accountId}`, signedOn: "2026-03-01" });
  expect(recorded.statusCode).toBe(201);
}

async function outbound() {
  return (await setup.drain(setup.sqs.queueUrls.outbound)).map((message) => outboundMessageSchema.parse(JSON.parse(message.Body!)));
}

describe("referral contracts", () => {
  it("records a contract once, replaces it, revokes it with a date; repeats change nothing", async () => {
    const body = { documentReference: "RC-2026-001", signedOn: "2026-03-02" };
    const first = await api.recordContract("c-partner-1", program, body);
    expect(first.statusCode).toBe(201);
    expect(jsonBody(first)).toMatchObject({
      changed: true,
      contract: { ...body, status: "active", recordedAt: "2026-03-16T09:00:00.000Z" },
    });
    const again = await api.recordContract("c-partner-1", program, body);
    expect([again.statusCode, jsonBody(again).changed]).toEqual([200, false]);
    const renewed = await api.recordContract("c-partner-1", program, { documentReference: "RC-2026-002", signedOn: "2026-03-10" });
    expect([renewed.statusCode, jsonBody(renewed).changed]).toEqual([200, true]);

    const revoked = await api.revokeContract("c-partner-1", program, { revokedOn: "2026-03-15", reason: "ended by the partner" });
    expect(revoked.statusCode).toBe(200);
    expect(jsonBody(revoked)).toMatchObject({
      changed: true,
      contract: { documentReference: "RC-2026-002", status: "revoked", revokedOn: "2026-03-15", revocationReason: "ended by the partner" },
    });
    const revokedAgain = await api.revokeContract("c-partner-1", program, { revokedOn: "2026-03-15" });
    expect([revokedAgain.statusCode, jsonBody(revokedAgain).changed]).toEqual([200, false]);
    const otherDate = await api.revokeContract("c-partner-1", program, { revokedOn: "2026-03-14" });
    expect([otherDate.statusCode, errorCodeOf(otherDate)]).toEqual([409, "contract_already_revoked"]);
    expect(await setup.readItem(keys.contract("c-partner-1", program))).toMatchObject({ status: "revoked", revokedOn: "2026-03-15" });
  });

  it("refuses dates after today (operator time zone), a revocation before the signature or without a contract, and unknown programs", async () => {
    // 2026-03-16 10:00 in Prague: the 17th is tomorrow.
    const tomorrow = await api.recordContract("c-partner-2", program, { documentReference: "RC-x", signedOn: "2026-03-17" });
    expect([tomorrow.statusCode, jsonBody<{ error: { issues: { path: string }[] } }>(tomorrow).error.issues[0]?.path]).toEqual([
      400,
      "body.signedOn",
    ]);
    expect((await api.revokeContract("c-partner-2", program, { revokedOn: "2026-03-16" })).statusCode).toBe(404);
    await api.recordContract("c-partner-2", program, { documentReference: "RC-y", signedOn: "2026-03-10" });
    expect((await api.revokeContract("c-partner-2", program, { revokedOn: "2026-03-09" })).statusCode).toBe(400);
    expect((await api.revokeContract("c-partner-2", program, { revokedOn: "2026-03-17" })).statusCode).toBe(400);
    expect(
      (await api.recordContract("c-partner-2", "no-such-program", { documentReference: "RC", signedOn: "2026-03-01" })).statusCode,
    ).toBe(404);
    expect((await api.recordContract("c-partner-2", program, { documentReference: "", signedOn: "2026-03-01" })).statusCode).toBe(400);
    expect((await api.recordContract("operator", program, { documentReference: "RC", signedOn: "2026-03-01" })).statusCode).toBe(400);
  });
});

describe("requesting a withdrawal", () => {
  it("refuses 100.00 EUR available and allows 100.01: the whole available amount is reserved at once", async () => {
    await partnerWithContract("w-edge");
    await fundAvailable(setup, "w-edge", 10_000);
    const atThreshold = await request("w-edge", "wd-edge-1");
    expect([atThreshold.statusCode, errorCodeOf(atThreshold)]).toEqual([422, "below_threshold"]);
    expect(jsonBody<{ error: { message: string } }>(atThreshold).error.message).toContain(
      "100.00 EUR does not exceed the threshold 100.00 EUR",
    );
    expect(await setup.readItem(keys.withdrawal("wd-edge-1"))).toBeUndefined();

    await fundAvailable(setup, "w-edge", 1);
    // The refused id may be used again once the withdrawal is allowed: a refusal wrote nothing.
    const allowed = await request("w-edge", "wd-edge-1");
    expect(allowed.statusCode).toBe(201);
    expect(withdrawalOf(allowed)).toMatchObject({
      withdrawalId: "wd-edge-1",
      accountId: "w-edge",
      programId: program,
      currency: "EUR",
      amountMinor: 10_001,
      status: "requested",
      requestedBy: "account",
      contractDocumentReference: "RC-w-edge",
    });
    expect(await setup.balanceOf("w-edge")).toMatchObject({ commissionAvailableMinor: 0, payoutReservedMinor: 10_001 });
    const reservation = await createLedgerStore(setup.tableContext, setup.clock).readReservation(
      "w-edge",
      withdrawalOf(allowed).reservationTransferId,
    );
    expect(reservation).toMatchObject({ status: "reserved", amountMinor: 10_001 });
    const [message, ...others] = await outbound();
    expect(others).toEqual([]);
    expect(message).toMatchObject({
      type: "withdrawal.requested",
      entryId: withdrawalOf(allowed).reservationTransferId,
      withdrawalId: "wd-edge-1",
      amountMinor: 10_001,
      contractDocumentReference: "RC-w-edge",
    });
  });

  it("names every refusal: no contract, a revoked contract, no payout policy in the currency or program, an unknown program", async () => {
    await fundAvailable(setup, "w-refusals", 50_000);
    const noContract = await request("w-refusals", "wd-refusal-1");
    expect([noContract.statusCode, errorCodeOf(noContract)]).toEqual([422, "contract_not_on_file"]);
    await partnerWithContract("w-refusals");
    await api.revokeContract("w-refusals", program, { revokedOn: "2026-03-16" });
    const revoked = await request("w-refusals", "wd-refusal-1");
    expect([revoked.statusCode, errorCodeOf(revoked)]).toEqual([422, "contract_not_on_file"]);
    const czk = await request("w-refusals", "wd-refusal-1", { currency: "CZK" });
    expect([czk.statusCode, errorCodeOf(czk)]).toEqual([422, "no_payout_policy"]);
    const creditProgram = await request("w-refusals", "wd-refusal-1", { programId: "ex2-credit" });
    expect([creditProgram.statusCode, errorCodeOf(creditProgram)]).toEqual([422, "no_payout_policy"]);
    expect((await request("w-refusals", "wd-refusal-1", { programId: "no-such-program" })).statusCode).toBe(404);
    expect((await request("w-refusals", "wd-refusal-1", { amountMinor: 100 })).statusCode).toBe(400);
    expect(await setup.balanceOf("w-refusals")).toMatchObject({ commissionAvailableMinor: 50_000, payoutReservedMinor: 0 });
  });

  it("answers the same request again with its withdrawal, and refuses the id for another currency or account", async () => {
    await partnerWithContract("w-idem");
    await fundAvailable(setup, "w-idem", 20_000);
    const first = await request("w-idem", "wd-idem-1");
    await fundAvailable(setup, "w-idem", 30_000);
    const again = await request("w-idem", "wd-idem-1");
    expect([first.statusCode, again.statusCode]).toEqual([201, 200]);
    expect(withdrawalOf(again)).toEqual(withdrawalOf(first));
    // The operator repeating the partner's request is the same request.
    const byOperator = await api.request(
      "w-idem",
      { withdrawalId: "wd-idem-1", programId: program, currency: "EUR" },
      { kind: "operator" },
    );
    expect([byOperator.statusCode, withdrawalOf(byOperator)]).toEqual([200, withdrawalOf(first)]);
    const otherCurrency = await request("w-idem", "wd-idem-1", { currency: "CZK" });
    expect([otherCurrency.statusCode, errorCodeOf(otherCurrency)]).toEqual([409, "withdrawal_mismatch"]);
    await partnerWithContract("w-idem-other");
    await fundAvailable(setup, "w-idem-other", 20_000);
    const otherAccount = await request("w-idem-other", "wd-idem-1");
    expect([otherAccount.statusCode, errorCodeOf(otherAccount)]).toEqual([409, "withdrawal_mismatch"]);
    expect(await setup.balanceOf("w-idem")).toMatchObject({ commissionAvailableMinor: 30_000, payoutReservedMinor: 20_000 });
    expect((await outbound()).map((message) => message.type)).toEqual(["withdrawal.requested"]);
  });

  it("keeps one withdrawal open per account, program and currency, and records who asked", async () => {
    await partnerWithContract("w-open");
    await fundAvailable(setup, "w-open", 20_000);
    const byOperator = await api.request(
      "w-open",
      { withdrawalId: "wd-open-1", programId: program, currency: "EUR" },
      { kind: "operator" },
    );
    expect(withdrawalOf(byOperator)).toMatchObject({ requestedBy: "operator", amountMinor: 20_000 });
    await fundAvailable(setup, "w-open", 20_000);
    const second = await request("w-open", "wd-open-2");
    expect([second.statusCode, errorCodeOf(second)]).toEqual([409, "withdrawal_already_open"]);
    // Another program's policy is another slot: it withdraws what is available now.
    const otherProgram = await request("w-open", "wd-open-3", { programId: secondProgram });
    expect([otherProgram.statusCode, withdrawalOf(otherProgram).amountMinor]).toEqual([201, 20_000]);
    await outbound();
  });
});

describe("racing requests", () => {
  it("reserve once for the same id and once per slot, never more than is available (10 at once)", async () => {
    await partnerWithContract("w-race");
    await fundAvailable(setup, "w-race", 30_000);
    const sameId = await Promise.all(Array.from({ length: 5 }, () => request("w-race", "wd-race-same")));
    expect(sameId.map((response) => response.statusCode).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(sameId.map((response) => withdrawalOf(response).reservationTransferId)).size).toBe(1);

    await partnerWithContract("w-race-2");
    await fundAvailable(setup, "w-race-2", 30_000);
    const differentIds = await Promise.all(Array.from({ length: 10 }, (_, index) => request("w-race-2", `wd-race-${index}`)));
    const statuses = differentIds.map((response) => (response.statusCode === 201 ? "reserved" : errorCodeOf(response)));
    expect(statuses.filter((status) => status === "reserved")).toHaveLength(1);
    expect(statuses.filter((status) => status === "withdrawal_already_open")).toHaveLength(9);
    expect(await setup.balanceOf("w-race-2")).toMatchObject({ commissionAvailableMinor: 0, payoutReservedMinor: 30_000 });
    await outbound();
  });

  it("across two programs paying out from one available balance: one reserves it all, the other finds nothing left", async () => {
    await partnerWithContract("w-race-3");
    await fundAvailable(setup, "w-race-3", 30_000);
    for (let round = 0; round < 3; round += 1) {
      const [first, second] = await Promise.all([
        request("w-race-3", `wd-race-3-a-${round}`),
        request("w-race-3", `wd-race-3-b-${round}`, { programId: secondProgram }),
      ]);
      const reserved = [first!, second!].filter((response) => response.statusCode === 201).map(withdrawalOf);
      const refused = [first!, second!].filter((response) => response.statusCode !== 201).map(errorCodeOf);
      expect(reserved.map((withdrawal) => withdrawal.amountMinor)).toEqual([30_000]);
      expect(refused).toEqual(["below_threshold"]);
      expect(await setup.balanceOf("w-race-3")).toMatchObject({ commissionAvailableMinor: 0, payoutReservedMinor: 30_000 });
      // Fail it, so the next round races again on the same 300.00.
      expect((await api.fail(reserved[0]!.withdrawalId, `round ${round}`)).statusCode).toBe(200);
    }
    await outbound();
  });
});

describe("a reservation decided on a balance that moved", () => {
  it("loses on the balance rule in its own transaction and is decided again: two requests that both read 300.00 reserve it once", async () => {
    await partnerWithContract("w-stale");
    await fundAvailable(setup, "w-stale", 30_000);
    // Both requests read the balance before either commits (a barrier after the reads, on the first attempt only).
    let arrived = 0;
    let release: () => void = () => undefined;
    const bothRead = new Promise<void>((resolve) => {
      release = resolve;
    });
    const deps = () => {
      const base = withdrawalDependenciesOf(setup, "request-withdrawal");
      let attempts = 0;
      const readRequestState: typeof base.withdrawalStore.readRequestState = async (query) => {
        const state = await base.withdrawalStore.readRequestState(query);
        attempts += 1;
        if (attempts === 1) {
          arrived += 1;
          if (arrived === 2) release();
          await bothRead;
        }
        return state;
      };
      return { ...base, withdrawalStore: { ...base.withdrawalStore, readRequestState } };
    };
    const partner = { kind: "account", accountId: "w-stale" } as const;
    const outcomes = await Promise.all(
      [program, secondProgram].map((programId, index) =>
        requestWithdrawal(deps(), partner, "w-stale", { withdrawalId: `wd-stale-${index}`, programId, currency: "EUR" }).then(
          (result) => result.withdrawal.amountMinor,
          (error: unknown) => (error as { code?: string }).code,
        ),
      ),
    );
    expect(outcomes.sort()).toEqual([30_000, "below_threshold"].sort());
    expect(await setup.balanceOf("w-stale")).toMatchObject({ commissionAvailableMinor: 0, payoutReservedMinor: 30_000 });
    await outbound();
  });
});

describe("paying out and failing", () => {
  it("posts a paid withdrawal to the operator's payout clearing once; repeats answer clearly", async () => {
    await partnerWithContract("w-pay");
    await fundAvailable(setup, "w-pay", 12_550);
    const requested = withdrawalOf(await request("w-pay", "wd-pay-1"));
    const clearing = operatorAccount("payout_clearing", "EUR");
    const clearingBefore = await createLedgerStore(setup.tableContext, setup.clock).readLedgerAccount(clearing);
    setup.clock.advance(60_000);

    const paid = await api.pay("wd-pay-1", "SEPA-0042");
    expect(paid.statusCode).toBe(200);
    expect(jsonBody(paid)).toMatchObject({
      changed: true,
      withdrawal: { status: "paid", payoutReference: "SEPA-0042", paidAt: "2026-03-16T09:01:00.000Z", amountMinor: 12_550 },
    });
    const again = await api.pay("wd-pay-1", "SEPA-0042");
    expect([again.statusCode, jsonBody(again).changed]).toEqual([200, false]);
    const otherReference = await api.pay("wd-pay-1", "SEPA-9999");
    expect([otherReference.statusCode, errorCodeOf(otherReference)]).toEqual([409, "withdrawal_already_paid"]);
    const failAfterPay = await api.fail("wd-pay-1", "bounced");
    expect([failAfterPay.statusCode, errorCodeOf(failAfterPay)]).toEqual([409, "withdrawal_already_paid"]);
    expect((await api.pay("wd-no-such", "SEPA-1")).statusCode).toBe(404);

    expect(await setup.balanceOf("w-pay")).toMatchObject({ commissionAvailableMinor: 0, payoutReservedMinor: 0 });
    const clearingAfter = await createLedgerStore(setup.tableContext, setup.clock).readLedgerAccount(clearing);
    // The money left the ledger: credited to the operator's payout_clearing (an operator account's balance is debits − credits).
    expect(clearingAfter.creditsMinor - clearingBefore.creditsMinor).toBe(12_550);
    const payout = (await setup.entriesOf("w-pay")).find((entry) => entry.code === "withdrawal_post");
    expect(payout).toMatchObject({
      ledgerAccountKind: "payout_reserved",
      amountMinor: -12_550,
      counterparty: clearing,
      reservationTransferId: requested.reservationTransferId,
      periodId: "2026-03-2",
    });
    const messages = await outbound();
    expect(messages.map((message) => message.type)).toEqual(["withdrawal.requested", "withdrawal.paid"]);
    expect(messages[1]).toMatchObject({
      entryId: payout!.transferId,
      reservationEntryId: requested.reservationTransferId,
      payoutReference: "SEPA-0042",
      amountMinor: 12_550,
    });
    // The slot is free: the next commission can be withdrawn.
    await fundAvailable(setup, "w-pay", 10_001);
    expect((await request("w-pay", "wd-pay-2")).statusCode).toBe(201);
    await outbound();
  });

  it("returns exactly the reserved amount to available when a payout fails; repeats answer clearly", async () => {
    await partnerWithContract("w-fail");
    await fundAvailable(setup, "w-fail", 33_333);
    const requested = withdrawalOf(await request("w-fail", "wd-fail-1"));
    // A commission released while the withdrawal is open stays available beside it.
    await fundAvailable(setup, "w-fail", 4_000);
    expect(await setup.balanceOf("w-fail")).toMatchObject({ commissionAvailableMinor: 4_000, payoutReservedMinor: 33_333 });

    const failed = await api.fail("wd-fail-1", "IBAN rejected by the bank");
    expect(jsonBody(failed)).toMatchObject({ changed: true, withdrawal: { status: "failed", failureReason: "IBAN rejected by the bank" } });
    expect(await setup.balanceOf("w-fail")).toMatchObject({ commissionAvailableMinor: 37_333, payoutReservedMinor: 0 });
    const voided = (await setup.entriesOf("w-fail")).filter((entry) => entry.code === "withdrawal_void");
    expect(voided.map((entry) => [entry.ledgerAccountKind, entry.amountMinor])).toEqual([
      ["payout_reserved", -33_333],
      ["commission_available", 33_333],
    ]);
    expect(voided[0]).toMatchObject({ reversesTransferId: requested.reservationTransferId });
    const again = await api.fail("wd-fail-1", "IBAN rejected by the bank");
    expect([again.statusCode, jsonBody(again).changed]).toEqual([200, false]);
    const otherReason = await api.fail("wd-fail-1", "something else");
    expect([otherReason.statusCode, errorCodeOf(otherReason)]).toEqual([409, "withdrawal_already_failed"]);
    const payAfterFail = await api.pay("wd-fail-1", "SEPA-1");
    expect([payAfterFail.statusCode, errorCodeOf(payAfterFail)]).toEqual([409, "withdrawal_already_failed"]);
    expect(await setup.balanceOf("w-fail")).toMatchObject({ commissionAvailableMinor: 37_333, payoutReservedMinor: 0 });
    const messages = await outbound();
    expect(messages.map((message) => message.type)).toEqual(["withdrawal.requested", "withdrawal.failed"]);
    expect(messages[1]).toMatchObject({ reason: "IBAN rejected by the bank", amountMinor: 33_333 });
    // Requested again: the whole available amount, the failed one's included.
    expect(withdrawalOf(await request("w-fail", "wd-fail-2")).amountMinor).toBe(37_333);
    await outbound();
  });

  it("answers a repeat that read the withdrawal before a concurrent same call committed and its reservation after (no 500)", async () => {
    // The audit's race: 10 identical "paid" calls at once; one read the requested withdrawal, another committed, then the
    // first read the reservation, already posted. It reads both again and finds the outcome recorded.
    await partnerWithContract("w-resolve-repeat");
    await fundAvailable(setup, "w-resolve-repeat", 50_000);
    await request("w-resolve-repeat", "wd-resolve-repeat");
    const deps = withdrawalDependenciesOf(setup, "mark-withdrawal-paid");
    const outcome = { kind: "paid" as const, payoutReference: "SEPA-8" };
    let concurrent: Awaited<ReturnType<typeof resolveWithdrawal>> | undefined;
    const ledgerStore = {
      ...deps.ledgerStore,
      async readReservation(holder: string, reservationTransferId: string) {
        concurrent ??= await resolveWithdrawal(withdrawalDependenciesOf(setup, "mark-withdrawal-paid"), "wd-resolve-repeat", outcome);
        return await deps.ledgerStore.readReservation(holder, reservationTransferId);
      },
    };
    const repeated = await resolveWithdrawal({ ...deps, ledgerStore }, "wd-resolve-repeat", outcome);
    expect(concurrent?.changed).toBe(true);
    expect(repeated).toMatchObject({ changed: false, withdrawal: { status: "paid", payoutReference: "SEPA-8" } });
    expect((await setup.balanceOf("w-resolve-repeat"))?.payoutReservedMinor).toBe(0);
    await outbound();
  });

  it("lets one of a racing paid and failed win; the other is refused by name", async () => {
    await partnerWithContract("w-resolve-race");
    await fundAvailable(setup, "w-resolve-race", 50_000);
    await request("w-resolve-race", "wd-resolve-race");
    const [paid, failed] = await Promise.all([api.pay("wd-resolve-race", "SEPA-7"), api.fail("wd-resolve-race", "duplicate request")]);
    const winners = [paid!, failed!].filter((response) => response.statusCode === 200);
    expect(winners).toHaveLength(1);
    const loser = [paid!, failed!].find((response) => response.statusCode !== 200)!;
    expect([loser.statusCode, errorCodeOf(loser)]).toEqual([
      409,
      paid!.statusCode === 200 ? "withdrawal_already_paid" : "withdrawal_already_failed",
    ]);
    const figures = await setup.balanceOf("w-resolve-race");
    expect(figures?.payoutReservedMinor).toBe(0);
    expect(figures?.commissionAvailableMinor).toBe(paid!.statusCode === 200 ? 0 : 50_000);
    await outbound();
  });
});

describe("a clawback after payout", () => {
  it("leaves available negative and blocks withdrawals until later commissions recover it", async () => {
    await setup.seedReferral({ refereeAccountId: "w-claw-client", referrerAccountId: "w-claw", programId: program });
    await partnerWithContract("w-claw");
    // 10% of a 1,500.00 recharge in the closed period 2026-03-1, settled and paid out.
    await setup.consumeAt(
      "2026-03-05T10:00:00.000Z",
      sqsEventOf([
        rechargeCompleted({
          accountId: "w-claw-client",
          rechargeId: "rch-claw-1",
          amountMinor: 150_000,
          completedAt: "2026-03-05T10:00:00.000Z",
        }),
      ]),
    );
    await setup.table.documentClient.send(
      new UpdateCommand({
        TableName: setup.table.tableName,
        Key: keys.periodAccrual("w-claw", program, "2026-03-1", "EUR"),
        UpdateExpression: "SET settledAt = :at",
        ExpressionAttributeValues: { ":at": "2026-03-15T00:00:00+01:00" },
      }),
    );
    await releasePending("w-claw", 15_000);
    expect((await request("w-claw", "wd-claw-1")).statusCode).toBe(201);
    expect((await api.pay("wd-claw-1", "SEPA-CLAW")).statusCode).toBe(200);

    // The recharge is charged back: the settled, paid-out commission comes back out of available.
    await setup.consume(sqsEventOf([chargeback({ accountId: "w-claw-client", rechargeId: "rch-claw-1", amountMinor: 150_000 })]));
    expect(await setup.balanceOf("w-claw")).toMatchObject({ commissionAvailableMinor: -15_000, payoutReservedMinor: 0 });
    const negative = await request("w-claw", "wd-claw-2");
    expect([negative.statusCode, errorCodeOf(negative)]).toEqual([422, "below_threshold"]);
    expect(jsonBody<{ error: { message: string } }>(negative).error.message).toContain("-150.00 EUR");

    // Later commissions recover it: 250.00 more leaves 100.00, still not above the threshold; 0.01 more is.
    await fundAvailable(setup, "w-claw", 25_000);
    const recovered = await request("w-claw", "wd-claw-2");
    expect([recovered.statusCode, errorCodeOf(recovered)]).toEqual([422, "below_threshold"]);
    await fundAvailable(setup, "w-claw", 1);
    const allowed = await request("w-claw", "wd-claw-2");
    expect([allowed.statusCode, withdrawalOf(allowed).amountMinor]).toEqual([201, 10_001]);
    await outbound();
  });
});

describe("reading withdrawals", () => {
  it("gets one by id and lists them by status, oldest first, page by page", async () => {
    for (const [index, accountId] of ["w-list-1", "w-list-2", "w-list-3"].entries()) {
      await partnerWithContract(accountId);
      await fundAvailable(setup, accountId, 20_000 + index);
      setup.clock.advance(1_000);
      expect((await request(accountId, `wd-list-${index}`)).statusCode).toBe(201);
    }
    await api.pay("wd-list-1", "SEPA-L1");
    const got = await api.get("wd-list-1");
    expect(withdrawalOf(got)).toMatchObject({ status: "paid", accountId: "w-list-2", amountMinor: 20_001 });
    expect((await api.get("wd-no-such")).statusCode).toBe(404);

    const listed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = jsonBody<{ withdrawals: WithdrawalItem[]; nextCursor?: string }>(
        await api.list({ status: "requested", limit: "1", ...(cursor ? { cursor } : {}) }),
      );
      listed.push(...page.withdrawals.map((withdrawal) => withdrawal.withdrawalId));
      cursor = page.nextCursor;
    } while (cursor);
    const listIds = listed.filter((id) => id.startsWith("wd-list-"));
    expect(listIds).toEqual(["wd-list-0", "wd-list-2"]);
    const paid = jsonBody<{ withdrawals: WithdrawalItem[] }>(await api.list({ status: "paid", limit: "100" }));
    expect(paid.withdrawals.map((withdrawal) => withdrawal.withdrawalId)).toContain("wd-list-1");
    expect(paid.withdrawals.every((withdrawal) => withdrawal.status === "paid")).toBe(true);

    const forged = Buffer.from(
      JSON.stringify({ pk: "ACCOUNT#w-list-1", sk: "PROFILE", gsi1pk: "WITHDRAWALS#requested", gsi1sk: "x" }),
    ).toString("base64url");
    expect((await api.list({ status: "requested", cursor: forged })).statusCode).toBe(400);
    expect((await api.list({ status: "cancelled" })).statusCode).toBe(400);
    await outbound();
  });
});

/** The settlement run's release of a settled period's pending commission, posted as it will post it. */
async function releasePending(accountId: string, amountMinor: number): Promise<void> {
  const eventId = `test-release:${accountId}`;
  await createLedgerStore(setup.tableContext, setup.clock).commit({
    sourceEvent: { eventId, eventType: "test.settlement", payloadHash: "0".repeat(64), outcome: "settled" },
    transfers: [
      makeTransfer({
        index: 0,
        debit: holderAccount(accountId, "commission_pending", "EUR"),
        credit: holderAccount(accountId, "commission_available", "EUR"),
        amountMinor,
        code: "settlement_release",
        sourceEventId: eventId,
        sourceEventType: "test.settlement",
        postedAt: setup.clock.now().toISOString(),
        memo: "test release",
        programId: program,
        periodId: "2026-03-1",
      }),
    ],
  });
}
