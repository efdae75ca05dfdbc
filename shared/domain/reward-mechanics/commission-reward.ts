/**
 * Commission (Zadarma): accrued from the operator's `commission_expense` to the referrer's
 * `commission_pending` in its half-month period, released to `commission_available` by settlement. A
 * clawback takes from `commission_pending` while the accrual is open, from `commission_available` after
 * (which may go negative: later commissions recover it). Nothing is sent: the partner withdraws.
 */
import type { RewardMechanic } from "./reward-mechanic.ts";

export const commissionReward: RewardMechanic = {
  accruesUntilSettlement: true,
  earning: { code: "commission_accrual", operatorKind: "commission_expense", holderKind: "commission_pending" },
  clawback: (settled) => ({
    code: "commission_clawback",
    operatorKind: "commission_expense",
    holderKind: settled ? "commission_available" : "commission_pending",
  }),
  earnedMessage: () => undefined,
  clawedBackMessage: () => undefined,
};
