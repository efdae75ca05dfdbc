/**
 * The double-entry core's pure rules, on intents: transfer ids, refusals (across currencies, one
 * account, zero, operator to operator, wrong holder), the per-account changes and which of them the
 * balance rules guard, and the two phases of a reservation.
 */
import { describe, expect, it } from "vitest";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { post, reserve, voidReservation } from "../../shared/domain/ledger/reservations.ts";
import {
  accountChanges,
  CrossCurrencyTransferError,
  makeTransfer,
  netByCurrency,
  transferIdOf,
} from "../../shared/domain/ledger/transfers.ts";
import type { Transfer } from "../../shared/schemas/transfer-items.ts";

const postedAt = new Date("2026-03-14T10:00:00.000Z");
const base = { sourceEventId: "evt-1", sourceEventType: "recharge.completed", postedAt: postedAt.toISOString(), memo: "test" };
const pending = holderAccount("partner-1", "commission_pending", "EUR");
const available = holderAccount("partner-1", "commission_available", "EUR");
const reserved = holderAccount("partner-1", "payout_reserved", "EUR");
const expense = operatorAccount("commission_expense", "EUR");

function accrual(index: number, amountMinor: number): Transfer {
  return makeTransfer({ ...base, index, debit: expense, credit: pending, amountMinor, code: "commission_accrual" });
}

describe("transfer ids", () => {
  it("are deterministic per source event and index, and differ across either", () => {
    expect(transferIdOf("evt-1", 0)).toBe(transferIdOf("evt-1", 0));
    expect(transferIdOf("evt-1", 0)).toMatch(/^tr_[0-9a-f]{24}$/);
    expect(new Set([transferIdOf("evt-1", 0), transferIdOf("evt-1", 1), transferIdOf("evt-2", 0)]).size).toBe(3);
  });
});

describe("makeTransfer", () => {
  it("takes its currency from the accounts", () => {
    expect(accrual(0, 100)).toMatchObject({ currency: "EUR", amountMinor: 100, debit: expense, credit: pending });
  });

  it("refuses a transfer across currencies with a named error", () => {
    const czk = holderAccount("partner-1", "commission_pending", "CZK");
    expect(() => makeTransfer({ ...base, index: 0, debit: expense, credit: czk, amountMinor: 100, code: "commission_accrual" })).toThrow(
      CrossCurrencyTransferError,
    );
  });

  it("refuses one account on both sides, a zero or fractional amount, two operator accounts, an operator kind on a customer", () => {
    const fields = { ...base, index: 0, code: "adjustment" as const };
    expect(() => makeTransfer({ ...fields, debit: pending, credit: pending, amountMinor: 1 })).toThrow(/debits and credits one account/);
    expect(() => makeTransfer({ ...fields, debit: expense, credit: pending, amountMinor: 0 })).toThrow(/positive/);
    expect(() => makeTransfer({ ...fields, debit: expense, credit: pending, amountMinor: 1.5 })).toThrow();
    expect(() => makeTransfer({ ...fields, debit: expense, credit: operatorAccount("credit_expense", "EUR"), amountMinor: 1 })).toThrow(
      /two operator accounts/,
    );
    expect(() =>
      makeTransfer({
        ...fields,
        debit: { holder: "partner-1", kind: "commission_expense", currency: "EUR" },
        credit: pending,
        amountMinor: 1,
      }),
    ).toThrow(/cannot be held by partner-1/);
  });
});

describe("accountChanges", () => {
  it("sums one change per account, balances on each account's normal side, and nets to zero per currency", () => {
    const changes = accountChanges([accrual(0, 100), accrual(1, 250)]);
    expect(changes).toEqual([
      expect.objectContaining({ account: expense, debitsMinor: 350, creditsMinor: 0, balanceDeltaMinor: 350, transferCount: 2 }),
      expect.objectContaining({ account: pending, debitsMinor: 0, creditsMinor: 350, balanceDeltaMinor: 350, transferCount: 2 }),
    ]);
    expect(changes.every((change) => change.requiredBalanceMinor === undefined)).toBe(true);
    expect(netByCurrency(changes)).toEqual(new Map([["EUR", 0]]));
  });

  it("guards a debit of a never-negative account with the net amount the effect takes", () => {
    const release = makeTransfer({ ...base, index: 0, debit: pending, credit: available, amountMinor: 300, code: "settlement_release" });
    const topUp = makeTransfer({ ...base, index: 1, debit: expense, credit: pending, amountMinor: 100, code: "adjustment" });
    const pendingChange = accountChanges([release, topUp]).find((change) => change.account.kind === "commission_pending");
    expect(pendingChange).toMatchObject({ balanceDeltaMinor: -200, requiredBalanceMinor: 200 });
  });

  it("lets a commission clawback take commission_available below zero, but not a withdrawal reserve", () => {
    const clawback = makeTransfer({ ...base, index: 0, debit: available, credit: expense, amountMinor: 500, code: "commission_clawback" });
    expect(
      accountChanges([clawback]).find((change) => change.account.kind === "commission_available")?.requiredBalanceMinor,
    ).toBeUndefined();
    const reserveTransfer = makeTransfer({
      ...base,
      index: 0,
      debit: available,
      credit: reserved,
      amountMinor: 500,
      code: "withdrawal_reserve",
    });
    expect(accountChanges([reserveTransfer]).find((change) => change.account.kind === "commission_available")?.requiredBalanceMinor).toBe(
      500,
    );
  });

  it("never guards an operator account, nor a deposit being credited", () => {
    const deposit = holderAccount("reseller-1", "deposit", "EUR");
    const topUp = makeTransfer({
      ...base,
      index: 0,
      debit: operatorAccount("deposit_funding", "EUR"),
      credit: deposit,
      amountMinor: 900,
      code: "deposit_top_up",
    });
    expect(accountChanges([topUp]).map((change) => change.requiredBalanceMinor)).toEqual([undefined, undefined]);
    const debit = makeTransfer({
      ...base,
      index: 1,
      debit: deposit,
      credit: operatorAccount("deposit_funding", "EUR"),
      amountMinor: 900,
      code: "deposit_debit",
    });
    expect(accountChanges([debit])[0]).toMatchObject({ account: deposit, requiredBalanceMinor: 900 });
  });
});

describe("two-phase transfers", () => {
  const context = { sourceEventType: "withdrawal.requested", postedAt, memo: "withdrawal" };
  const reserved1 = reserve({
    ...context,
    sourceEventId: "wd-1",
    index: 0,
    code: "withdrawal_reserve",
    from: available,
    held: reserved,
    amountMinor: 12_345,
  });

  it("reserves by moving the amount to the holding account", () => {
    expect(reserved1.transfer).toMatchObject({ debit: available, credit: reserved, amountMinor: 12_345, code: "withdrawal_reserve" });
    expect(reserved1.reservation).toMatchObject({
      reservationTransferId: reserved1.transfer.transferId,
      status: "reserved",
      amountMinor: 12_345,
    });
  });

  it("posts the reserved amount onwards, once", () => {
    const clearing = operatorAccount("payout_clearing", "EUR");
    const posted = post(reserved1.reservation, clearing, { ...context, sourceEventId: "wd-1-paid", index: 0, code: "withdrawal_post" });
    expect(posted.status).toBe("resolved");
    if (posted.status !== "resolved") return;
    expect(posted.transfer).toMatchObject({
      debit: reserved,
      credit: clearing,
      amountMinor: 12_345,
      reservationTransferId: reserved1.transfer.transferId,
    });
    expect(posted.reservation).toMatchObject({ status: "posted", resolvedByTransferId: posted.transfer.transferId });
    expect(
      post(posted.reservation, clearing, { ...context, sourceEventId: "wd-1-paid-again", index: 0, code: "withdrawal_post" }).status,
    ).toBe("already_resolved");
    expect(
      voidReservation(posted.reservation, { ...context, sourceEventId: "wd-1-failed", index: 0, code: "withdrawal_void" }).status,
    ).toBe("already_resolved");
  });

  it("voids exactly the reserved amount back to where it came from", () => {
    const voided = voidReservation(reserved1.reservation, { ...context, sourceEventId: "wd-1-failed", index: 0, code: "withdrawal_void" });
    if (voided.status !== "resolved") throw new Error("expected a void");
    expect(voided.transfer).toMatchObject({
      debit: reserved,
      credit: available,
      amountMinor: 12_345,
      reversesTransferId: reserved1.transfer.transferId,
    });
    expect(accountChanges([reserved1.transfer, voided.transfer]).map((change) => change.balanceDeltaMinor)).toEqual([0, 0]);
  });
});
