/** The reward mechanics table: every payoutAs has one, each moves money operator ⇄ referrer and reverses itself. */
import { describe, expect, it } from "vitest";
import { holderAccount, operatorAccount } from "../../shared/domain/ledger/accounts.ts";
import { makeTransfer } from "../../shared/domain/ledger/transfers.ts";
import { mechanicOf, rewardMechanics } from "../../shared/domain/reward-mechanics/mechanics.ts";
import { rewardRuleSchema } from "../../shared/schemas/operator-config.ts";

const payoutAsValues = rewardRuleSchema.shape.payoutAs.options;

function earned(payoutAs: (typeof payoutAsValues)[number]) {
  const mechanic = mechanicOf(payoutAs);
  return makeTransfer({
    index: 0,
    debit: operatorAccount(mechanic.earning.operatorKind, "EUR"),
    credit: holderAccount("referrer", mechanic.earning.holderKind, "EUR"),
    amountMinor: 2_500,
    code: mechanic.earning.code,
    programId: "p",
    sourceEventId: "evt-1",
    sourceEventType: "invoice.paid",
    postedAt: "2026-03-02T10:00:00.000Z",
    memo: "m",
  });
}

describe("reward mechanics", () => {
  it("has exactly one mechanic per payoutAs of the configuration", () => {
    expect(Object.keys(rewardMechanics).sort()).toEqual([...payoutAsValues].sort());
  });

  it.each(payoutAsValues)(
    "%s: an unsettled clawback takes back from the account the reward went to, to the account it came from",
    (payoutAs) => {
      const mechanic = mechanicOf(payoutAs);
      expect(() => earned(payoutAs)).not.toThrow();
      const back = mechanic.clawback(false);
      expect([back.holderKind, back.operatorKind]).toEqual([mechanic.earning.holderKind, mechanic.earning.operatorKind]);
    },
  );

  it("settles commissions (pending, then available) and delivers credit at once", () => {
    expect(mechanicOf("commission")).toMatchObject({ accruesUntilSettlement: true });
    expect(mechanicOf("commission").clawback(true)).toEqual({
      code: "commission_clawback",
      operatorKind: "commission_expense",
      holderKind: "commission_available",
    });
    expect(mechanicOf("account_credit")).toMatchObject({ accruesUntilSettlement: false });
    expect(mechanicOf("account_credit").clawback(true).holderKind).toBe("credit_granted");
  });

  it("tells the billing system about credit, and about no commission", () => {
    const credit = earned("account_credit");
    expect(
      mechanicOf("account_credit").earnedMessage({
        transfer: credit,
        refereeAccountId: "referee",
        payment: { kind: "invoice", id: "INV-1" },
      }),
    ).toMatchObject({ type: "credit.granted", entryId: credit.transferId, accountId: "referrer", amountMinor: 2_500 });
    expect(
      mechanicOf("commission").earnedMessage({
        transfer: earned("commission"),
        refereeAccountId: "referee",
        payment: { kind: "recharge", id: "R-1" },
      }),
    ).toBeUndefined();
  });
});
