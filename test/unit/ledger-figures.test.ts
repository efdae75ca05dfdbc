import { describe, expect, it } from "vitest";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { balanceFigures, effectsOnHolder } from "../../shared/domain/ledger/figures.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";

const transfer = (debit: ReturnType<typeof holderAccount>, credit: ReturnType<typeof holderAccount>, amountMinor: number) =>
  makeTransfer({
    index: 0,
    debit,
    credit,
    amountMinor,
    code: "adjustment",
    sourceEventId: "evt-1",
    sourceEventType: "test",
    postedAt: "2026-03-14T10:00:00.000Z",
    memo: "",
  });

describe("a transfer's effect on an account's own ledger accounts", () => {
  it("raises the credited holder account and lowers the debited one, on their normal sides", () => {
    const accrual = transfer(operatorAccount("commission_expense", "EUR"), holderAccount("r-1", "commission_pending", "EUR"), 1_000);
    expect(effectsOnHolder(accrual, "r-1")).toEqual([{ account: holderAccount("r-1", "commission_pending", "EUR"), amountMinor: 1_000 }]);
    const release = transfer(holderAccount("r-1", "commission_pending", "EUR"), holderAccount("r-1", "commission_available", "EUR"), 400);
    expect(effectsOnHolder(release, "r-1")).toEqual([
      { account: holderAccount("r-1", "commission_pending", "EUR"), amountMinor: -400 },
      { account: holderAccount("r-1", "commission_available", "EUR"), amountMinor: 400 },
    ]);
    expect(effectsOnHolder(release, "someone-else")).toEqual([]);
  });
});

describe("dashboard figures", () => {
  it("puts each holder kind in its figure, per currency, never adding currencies, and leaves operator accounts out", () => {
    expect(
      balanceFigures([
        { account: holderAccount("r-1", "commission_pending", "EUR"), balanceMinor: 1_200 },
        { account: holderAccount("r-1", "commission_available", "EUR"), balanceMinor: -300 },
        { account: holderAccount("r-1", "credit_granted", "CZK"), balanceMinor: 25_000 },
        { account: holderAccount("r-1", "payout_reserved", "EUR"), balanceMinor: 100 },
        { account: operatorAccount("commission_expense", "EUR"), balanceMinor: 1_000 },
      ]),
    ).toEqual([
      {
        currency: "CZK",
        commissionPendingMinor: 0,
        commissionAvailableMinor: 0,
        payoutReservedMinor: 0,
        creditGrantedMinor: 25_000,
        depositMinor: 0,
      },
      {
        currency: "EUR",
        commissionPendingMinor: 1_200,
        commissionAvailableMinor: -300,
        payoutReservedMinor: 100,
        creditGrantedMinor: 0,
        depositMinor: 0,
      },
    ]);
  });
});
