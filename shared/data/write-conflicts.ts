/**
 * Lost races, as every store reports them: a write whose optimistic condition failed (the state it was
 * decided on changed meanwhile) or that another transaction held (TransactionConflict). A store never
 * retries one itself; it throws a `WriteConflictError` naming the writes that lost, and the use case
 * decides again from fresh reads (shared/use-cases/conflict-retries.ts, the one retry loop).
 *
 * A condition that fails for a reason no fresh read can change (a balance rule, an inactive code) is not
 * a conflict: the store throws the named domain error instead.
 */
import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";

export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** What a write goes to: the closed list a lost race can name (`WriteConflictError.lost`). */
export type WriteTarget =
  // the ledger's effects (ledger-store, payment-reward-store, referral-marks-store, period-accrual-store, account-profile-store, service-store)
  | "sourceEvent"
  | "transfer"
  | "account"
  | "reservation"
  | "paymentReward"
  | "supersededReward"
  | "referral"
  | "rewardInWindow"
  | "codeCounter"
  | "accrual"
  | "settlementRun"
  | "reversal"
  | "parked"
  | "profile"
  | "payerChange"
  | "statusChange"
  | "paidService"
  // partners' paid revenue (partner-revenue-store)
  | "invoiceRevenue"
  | "paidRevenueMonth"
  | "revenueReversal"
  // deposits (deposit-store)
  | "depositTopUp"
  // settlement (settlement-store) and withdrawals
  | "settlementProgress"
  | "contract"
  | "withdrawal"
  | "withdrawalSlot"
  // partner applications (partner-store)
  | "partnerApplication"
  | "partnerMembership"
  | "partnerRegistration"
  | "partnerLevel"
  | "partnerLevelHistory"
  // discounts (discount-store)
  | "discount"
  | "discountHistory"
  // referral links (referral-store)
  | "referralLink"
  | "referralCode"
  // the click aggregator (click-counter-store)
  | "dailyClicks"
  | "clickCheckpoint"
  // manager links (management-store)
  | "managerConsent"
  | "managerLink";

/** A target, or a target and the id of the item (`accrual:2026-03-1`), for the log. */
export type WriteLabel = WriteTarget | `${WriteTarget}:${string}`;

/** A write of a transaction with a label, so a cancelled transaction can say which condition failed. */
export interface LabelledWrite {
  readonly label: WriteLabel;
  readonly item: TransactItem;
}

/** An optimistic condition failed or another transaction held an item (a lost race): the caller re-reads and decides again. */
export class WriteConflictError extends Error {
  override name = "WriteConflictError";
  constructor(readonly labels: readonly WriteLabel[]) {
    super(`write conflict on ${labels.join(", ")}`);
  }

  /** Whether a write to this target lost. */
  lost(target: WriteTarget): boolean {
    return this.labels.some((label) => label === target || label.startsWith(`${target}:`));
  }
}

/** The labels of the writes another transaction held (cancellation code TransactionConflict), in order. */
export function heldWrites(writes: readonly LabelledWrite[], cancellationCodes: readonly string[]): WriteLabel[] {
  return writes.filter((_, index) => cancellationCodes[index] === "TransactionConflict").map((write) => write.label);
}
