/**
 * The withdrawal and contract deciders on their intents (no I/O): the threshold is "strictly exceeds",
 * refusals come in a fixed order with stable codes, a negative balance is below any threshold, the whole
 * available amount is reserved, and paid/failed resolve exactly the reserved amount once.
 */
import { describe, expect, it } from "vitest";
import { decideContractRecording, decideContractRevocation } from "../../shared/domain/contracts.ts";
import { operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { transferIdOf } from "../../shared/domain/ledger/transfers.ts";
import { zadarmaCommissionPreset } from "../../shared/domain/program-presets.ts";
import {
  decideWithdrawalRequest,
  decideWithdrawalResolution,
  type WithdrawalRequest,
  type WithdrawalRequestState,
  withdrawalEventId,
} from "../../shared/domain/withdrawals.ts";
import { type Program, programSchema } from "../../shared/schemas/operator-config.ts";
import type { ContractItem, WithdrawalItem } from "../../shared/schemas/withdrawal-items.ts";

const zadarma: Program = programSchema.parse(zadarmaCommissionPreset);
const now = new Date("2026-03-16T09:00:00.000Z");
const request: WithdrawalRequest = {
  withdrawalId: "wd-1",
  accountId: "acc-1",
  programId: "zadarma-partner",
  currency: "EUR",
  requestedBy: "account",
};
const contract: ContractItem = {
  accountId: "acc-1",
  programId: "zadarma-partner",
  documentReference: "RC-1",
  signedOn: "2026-03-01",
  status: "active",
  recordedAt: "2026-03-01T10:00:00.000Z",
};
const state = (overrides: Partial<WithdrawalRequestState> = {}): WithdrawalRequestState => ({
  program: zadarma,
  timeZone: "Europe/Prague",
  contract,
  slot: undefined,
  availableMinor: 10_001,
  existing: undefined,
  ...overrides,
});
const codeOf = (decision: ReturnType<typeof decideWithdrawalRequest>) =>
  decision.status === "refused" ? decision.error.code : decision.status;

describe("a withdrawal request", () => {
  it.each([
    [-15_000, "below_threshold"],
    [0, "below_threshold"],
    [9_999, "below_threshold"],
    [10_000, "below_threshold"],
    [10_001, "reserve"],
    [1_000_000, "reserve"],
  ])("with %i minor units available: %s (Zadarma: more than 100.00 EUR)", (availableMinor, expected) => {
    expect(codeOf(decideWithdrawalRequest(request, state({ availableMinor }), now))).toBe(expected);
  });

  it("reserves the whole available amount from commission_available to payout_reserved, in the period of its posting", () => {
    const decision = decideWithdrawalRequest(request, state({ availableMinor: 12_345 }), now);
    if (decision.status !== "reserve") throw new Error(decision.status);
    expect(decision.transfer).toMatchObject({
      transferId: transferIdOf(withdrawalEventId("wd-1", "requested"), 0),
      code: "withdrawal_reserve",
      debit: { holder: "acc-1", kind: "commission_available", currency: "EUR" },
      credit: { holder: "acc-1", kind: "payout_reserved", currency: "EUR" },
      amountMinor: 12_345,
      programId: "zadarma-partner",
      periodId: "2026-03-2",
      sourceEventId: "withdrawal:wd-1:requested",
    });
    expect(decision.reservation).toMatchObject({ status: "reserved", amountMinor: 12_345 });
    expect(decision.withdrawal).toMatchObject({ status: "requested", amountMinor: 12_345, contractDocumentReference: "RC-1" });
    expect(decision.contractChecked).toBe(true);
    expect(decision.outbound).toMatchObject({ type: "withdrawal.requested", entryId: decision.transfer.transferId, amountMinor: 12_345 });
  });

  it("refuses in a fixed order: payout policy, contract, an open withdrawal, then the threshold", () => {
    const everythingWrong = { contract: undefined, slot: { ...slot, openWithdrawalId: "wd-0" }, availableMinor: 0 };
    expect(codeOf(decideWithdrawalRequest({ ...request, currency: "CZK" }, state(everythingWrong), now))).toBe("no_payout_policy");
    expect(codeOf(decideWithdrawalRequest(request, state(everythingWrong), now))).toBe("contract_not_on_file");
    expect(codeOf(decideWithdrawalRequest(request, state({ ...everythingWrong, contract }), now))).toBe("withdrawal_already_open");
    expect(codeOf(decideWithdrawalRequest(request, state({ availableMinor: 0 }), now))).toBe("below_threshold");
    expect(codeOf(decideWithdrawalRequest(request, state({ contract: { ...contract, status: "revoked" } }), now))).toBe(
      "contract_not_on_file",
    );
    expect(codeOf(decideWithdrawalRequest(request, state({ program: undefined }), now))).toBe("not_found");
    const { commission: _none, ...withoutCommission } = zadarma;
    expect(codeOf(decideWithdrawalRequest(request, state({ program: { ...withoutCommission, rewards: [] } }), now))).toBe(
      "no_payout_policy",
    );
  });

  it("needs no contract where the program does not require one, and records none", () => {
    const noContractNeeded: Program = {
      ...zadarma,
      commission: { ...zadarma.commission!, payout: { ...zadarma.commission!.payout, contractRequired: false } },
    };
    const decision = decideWithdrawalRequest(request, state({ program: noContractNeeded, contract: undefined }), now);
    if (decision.status !== "reserve") throw new Error(decision.status);
    expect(decision.contractChecked).toBe(false);
    expect(decision.withdrawal.contractDocumentReference).toBeUndefined();
  });

  it("answers a stored withdrawal of the same request, and refuses its id for another account, program or currency", () => {
    const existing = requested();
    expect(decideWithdrawalRequest(request, state({ existing, availableMinor: 0 }), now)).toMatchObject({
      status: "existing",
      withdrawal: existing,
    });
    expect(codeOf(decideWithdrawalRequest({ ...request, requestedBy: "operator" }, state({ existing }), now))).toBe("existing");
    for (const other of [{ accountId: "acc-2" }, { programId: "other" }, { currency: "CZK" }])
      expect(codeOf(decideWithdrawalRequest({ ...request, ...other }, state({ existing }), now))).toBe("withdrawal_mismatch");
  });
});

const slot = { accountId: "acc-1", programId: "zadarma-partner", currency: "EUR", updatedAt: "2026-03-01T00:00:00.000Z" };

function requested(): WithdrawalItem {
  const decision = decideWithdrawalRequest(request, state({ availableMinor: 20_000 }), now);
  if (decision.status !== "reserve") throw new Error(decision.status);
  return decision.withdrawal;
}

function reservationOf(withdrawal: WithdrawalItem) {
  const decision = decideWithdrawalRequest(request, state({ availableMinor: withdrawal.amountMinor }), now);
  if (decision.status !== "reserve") throw new Error(decision.status);
  return decision.reservation;
}

describe("resolving a withdrawal", () => {
  const later = { now: new Date("2026-03-17T10:00:00.000Z"), timeZone: "Europe/Prague" };

  it("paid: posts exactly the reserved amount to the operator's payout_clearing", () => {
    const withdrawal = requested();
    const decision = decideWithdrawalResolution(withdrawal, reservationOf(withdrawal), { kind: "paid", payoutReference: "SEPA-1" }, later);
    if (decision.status !== "resolve") throw new Error(decision.status);
    expect(decision.transfer).toMatchObject({
      code: "withdrawal_post",
      debit: { holder: "acc-1", kind: "payout_reserved" },
      credit: operatorAccount("payout_clearing", "EUR"),
      amountMinor: 20_000,
      reservationTransferId: withdrawal.reservationTransferId,
      sourceEventId: "withdrawal:wd-1:paid",
    });
    expect(decision.reservation.status).toBe("posted");
    expect(decision.withdrawal).toMatchObject({ status: "paid", payoutReference: "SEPA-1", paidAt: "2026-03-17T10:00:00.000Z" });
    expect(decision.outbound).toMatchObject({ type: "withdrawal.paid", entryId: decision.transfer.transferId, payoutReference: "SEPA-1" });
  });

  it("failed: voids the reservation, exactly its amount back to commission_available", () => {
    const withdrawal = requested();
    const decision = decideWithdrawalResolution(withdrawal, reservationOf(withdrawal), { kind: "failed", reason: "bounced" }, later);
    if (decision.status !== "resolve") throw new Error(decision.status);
    expect(decision.transfer).toMatchObject({
      code: "withdrawal_void",
      debit: { holder: "acc-1", kind: "payout_reserved" },
      credit: { holder: "acc-1", kind: "commission_available" },
      amountMinor: 20_000,
      reversesTransferId: withdrawal.reservationTransferId,
    });
    expect(decision.withdrawal).toMatchObject({ status: "failed", failureReason: "bounced" });
  });

  it.each([
    ["paid", { kind: "paid", payoutReference: "SEPA-1" }, "already_recorded"],
    ["paid", { kind: "paid", payoutReference: "SEPA-2" }, "withdrawal_already_paid"],
    ["paid", { kind: "failed", reason: "bounced" }, "withdrawal_already_paid"],
    ["failed", { kind: "failed", reason: "bounced" }, "already_recorded"],
    ["failed", { kind: "failed", reason: "other" }, "withdrawal_already_failed"],
    ["failed", { kind: "paid", payoutReference: "SEPA-1" }, "withdrawal_already_failed"],
  ] as const)("a %s withdrawal, then %j: %s", (status, outcome, expected) => {
    const withdrawal = { ...requested(), status, payoutReference: "SEPA-1", failureReason: "bounced" };
    const decision = decideWithdrawalResolution(withdrawal, reservationOf(withdrawal), outcome, later);
    expect(decision.status === "refused" ? decision.error.code : decision.status).toBe(expected);
  });
});

describe("referral contracts", () => {
  const context = { now, today: "2026-03-16" };
  const recording = { accountId: "acc-1", programId: "zadarma-partner", documentReference: "RC-1", signedOn: "2026-03-01" };

  it("records a new one, leaves the same one unchanged, replaces another or a revoked one", () => {
    expect(decideContractRecording(undefined, recording, context)).toMatchObject({ status: "write", read: undefined });
    expect(decideContractRecording(contract, recording, context).status).toBe("unchanged");
    expect(decideContractRecording(contract, { ...recording, documentReference: "RC-2" }, context).status).toBe("write");
    expect(decideContractRecording({ ...contract, status: "revoked", revokedOn: "2026-03-10" }, recording, context)).toMatchObject({
      status: "write",
      contract: { status: "active" },
    });
  });

  it.each([
    ["2026-03-16", "write"],
    ["2026-03-17", "validation_failed"],
  ])("signed on %s (today 2026-03-16): %s", (signedOn, expected) => {
    const decision = decideContractRecording(undefined, { ...recording, signedOn }, context);
    expect(decision.status === "refused" ? decision.error.code : decision.status).toBe(expected);
  });

  it.each([
    [undefined, "2026-03-10", "not_found"],
    [contract, "2026-02-28", "validation_failed"],
    [contract, "2026-03-01", "write"],
    [contract, "2026-03-16", "write"],
    [contract, "2026-03-17", "validation_failed"],
    [{ ...contract, status: "revoked" as const, revokedOn: "2026-03-10" }, "2026-03-10", "unchanged"],
    [{ ...contract, status: "revoked" as const, revokedOn: "2026-03-10" }, "2026-03-11", "contract_already_revoked"],
  ])("revoking %j on %s: %s", (current, revokedOn, expected) => {
    const decision = decideContractRevocation(current, { accountId: "acc-1", programId: "zadarma-partner", revokedOn }, context);
    expect(decision.status === "refused" ? decision.error.code : decision.status).toBe(expected);
  });
});
