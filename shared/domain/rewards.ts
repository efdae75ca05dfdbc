/**
 * What a referred customer's payment earns its referrer, decided from the program's reward rules
 * (data, shared/schemas/operator-config.ts) and nothing else:
 *
 * - only payments earn: a paid invoice or a completed recharge (an issued invoice earns nothing);
 * - a rule earns when its trigger matches and its recurrence allows it: first_payment (the referee's
 *   first payment of that trigger), months N (payments within N months of that first one, operator
 *   time zone), lifetime;
 * - the first payment is the earliest by payment time (paid-at, then the smaller payment id by
 *   code-unit order), not the first to arrive: a payment paid before the recorded first replaces it,
 *   earns as the first and reverses the first_payment rewards of the one it replaces (in the same
 *   effect; months-N rewards its shorter window leaves outside are reversed right after it, by
 *   shared/use-cases/reverse-rewards-outside-window.ts);
 * - the amount is `rateBps` of the payment's lines outside the rule's excluded categories, rounded by
 *   the system's one rule (shareOfMinor);
 * - what a reward posts is its mechanic's (shared/domain/reward-mechanics/): account_credit is a `credit_grant` transfer from the operator's `credit_expense` to the referrer's
 *   `credit_granted`, sent to the billing system at once (Ex2); commission is a `commission_accrual`
 *   transfer from the operator's `commission_expense` to the referrer's `commission_pending`, in the
 *   half-month period of the payment, in the operator's time zone (Zadarma); when that period was
 *   already settled (a late event), it accrues in the open period of the posting time instead;
 * - fraudulent referrals, self-referrals (the referrer is the customer or pays its invoice) and paused
 *   programs earn nothing;
 * - a payment made before the referral's attribution time earns nothing and is not the first payment:
 *   the referral's history starts when it is attributed (so a payment redelivered after an attribution
 *   has the same effect as before it: none).
 *
 * Pure: the caller passes the program, the referral, the payment and the time.
 */
import type { ReferralItem } from "../schemas/items.ts";
import type { PaymentReference, PaymentRewardItem, RewardState } from "../schemas/ledger-items.ts";
import type { Program, RewardRule } from "../schemas/operator-config.ts";
import type { OutboundMessage } from "../schemas/outbound-messages.ts";
import { assert } from "./assert.ts";
import { addMonths, fromLocal, nextPeriodId, periodOf, toLocal } from "./calendar.ts";
import { holderAccount, operatorAccount } from "./ledger/accounts.ts";
import { makeTransfer, type Transfer } from "./ledger/transfers.ts";
import { shareOfMinor } from "./money.ts";
import { type AccrualDelta, decideRewardReversal, type SettledAccruals } from "./refunds.ts";
import { mechanicOf } from "./reward-mechanics/mechanics.ts";
import type { TopUpReversal } from "./settlement.ts";

export type RewardTrigger = RewardRule["trigger"];

/** The referral attribute that remembers the referee's first payment of each trigger. */
export const firstPaymentAttributeByTrigger = {
  "invoice.paid": "firstInvoicePaidAt",
  "recharge.completed": "firstRechargeCompletedAt",
} as const satisfies Record<RewardTrigger, keyof ReferralItem>;
/** The referral attribute that remembers which payment (invoice or recharge id) is that first payment. */
export const firstPaymentIdAttributeByTrigger = {
  "invoice.paid": "firstInvoiceId",
  "recharge.completed": "firstRechargeId",
} as const satisfies Record<RewardTrigger, keyof ReferralItem>;

/** The referee's first payment of a trigger as the referral remembers it (`id` is absent on referrals marked before ids were kept). */
export interface FirstPayment {
  readonly paidAt: Date;
  readonly id?: string | undefined;
}

export function firstPaymentOf(referral: ReferralItem, trigger: RewardTrigger): FirstPayment | undefined {
  const paidAt = referral[firstPaymentAttributeByTrigger[trigger]];
  if (paidAt === undefined) return undefined;
  return { paidAt: new Date(paidAt), id: referral[firstPaymentIdAttributeByTrigger[trigger]] };
}

/**
 * Payment order, the one rule for "first": the earlier paid-at; at the same instant, the smaller
 * payment id by UTF-16 code-unit order (JavaScript's `<` on strings). A first recorded without its id
 * keeps a tie. The same payment is never before itself.
 */
export function isPaidBefore(payment: { readonly paidAt: Date; readonly id: string }, first: FirstPayment): boolean {
  if (payment.id === first.id) return false;
  if (payment.paidAt.getTime() !== first.paidAt.getTime()) return payment.paidAt.getTime() < first.paidAt.getTime();
  return first.id !== undefined && payment.id < first.id;
}

/** The recorded first payment this payment replaces, when it was paid before it (its reward record must be read for the decision). */
export function supersededFirstOf(referral: ReferralItem, payment: PaymentFacts): PaymentReference | undefined {
  const first = firstPaymentOf(referral, payment.trigger);
  if (first?.id === undefined || !isPaidBefore({ paidAt: payment.paidAt, id: payment.payment.id }, first)) return undefined;
  return { kind: payment.payment.kind, id: first.id };
}

export interface PaymentLine {
  readonly category: string;
  readonly amountMinor: number;
}

export interface PaymentFacts {
  readonly trigger: RewardTrigger;
  readonly payment: PaymentReference;
  readonly refereeAccountId: string;
  /** Who paid, when it is not the customer (an agency, a reseller). */
  readonly payerAccountId?: string | undefined;
  readonly currency: string;
  readonly lines: readonly PaymentLine[];
  readonly paidAt: Date;
}

export interface RewardInput {
  readonly program: Program;
  readonly referral: ReferralItem;
  readonly payment: PaymentFacts;
  readonly timeZone: string;
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  readonly postedAt: Date;
  /** Periods whose accrual for this referrer, program and currency is already settled (learnt after a lost race). */
  readonly settledPeriodIds?: ReadonlySet<string>;
  /** The reward record of the recorded first payment, when this payment was paid before it (`supersededFirstOf`): its first_payment rewards are reversed. */
  readonly supersededFirst?: PaymentRewardItem | undefined;
  /** Settled accruals the superseded first's commissions are in, by accrualIdentity (learnt after a lost race). */
  readonly settledAccruals?: SettledAccruals;
}

export type NoRewardReason =
  | "referral_fraudulent"
  | "self_referral"
  | "program_paused"
  | "no_rule_for_trigger"
  | "recurrence_ended"
  | "nothing_eligible"
  | "nothing_paid"
  | "paid_before_attribution";

export interface PaymentRewardDecision {
  readonly totalMinor: number;
  /** The referee's earliest payment of any kind so far: set referral.firstPaymentAt to its paid-at. */
  readonly marksFirstPayment: boolean;
  /** The referee's first payment of any kind to be recorded: count a customer on the code. */
  readonly countsCustomer: boolean;
  /** The referee's first payment of this trigger (none was recorded, or it replaces a later one): set the trigger's attributes. */
  readonly marksFirstOfTrigger: boolean;
  /** This payment's rewards (its reward record). */
  readonly rewards: readonly RewardState[];
  /** This payment's reward transfers, then the reversal transfers of the superseded first. */
  readonly transfers: readonly Transfer[];
  readonly outbound: readonly OutboundMessage[];
  readonly noRewardReasons: readonly NoRewardReason[];
  /** The superseded first's reward record after its first_payment rewards were reversed (revision + 1), when any was left to reverse. */
  readonly supersededRecord?: PaymentRewardItem;
  /** Pending commissions of the superseded first taken back from their accruals. */
  readonly reversalAccrualDeltas: readonly AccrualDelta[];
  /** Settled accruals of the superseded first whose tier top-up is taken back in part. */
  readonly reversalTopUps: readonly TopUpReversal[];
}

/** Sum of the lines a rule may earn from: all but its excluded categories. */
export function eligibleAmountMinor(lines: readonly PaymentLine[], excludedCategories: readonly string[]): number {
  return lines.filter((line) => !excludedCategories.includes(line.category)).reduce((sum, line) => sum + line.amountMinor, 0);
}

/** The instant N months after `first` on the operator's wall clock (31 January + 1 month = end of February's last day, same time). */
export function recurrenceEndsAt(first: Date, months: number, timeZone: string): Date {
  const local = toLocal(first, timeZone);
  return fromLocal({ ...addMonths(local, months), hour: local.hour, minute: local.minute, second: local.second }, timeZone);
}

function recurrenceAllows(rule: RewardRule, firstOfTriggerAt: Date | undefined, paidAt: Date, timeZone: string): boolean {
  if (firstOfTriggerAt === undefined) return true; // this payment is the first of its kind
  switch (rule.recurrence.kind) {
    case "first_payment":
      return false;
    case "months":
      return paidAt.getTime() < recurrenceEndsAt(firstOfTriggerAt, rule.recurrence.months, timeZone).getTime();
    case "lifetime":
      return true;
  }
}

function percent(rateBps: number): string {
  return `${(rateBps / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** A payment's total: the sum of its lines. */
export function linesTotalMinor(lines: readonly { readonly amountMinor: number }[]): number {
  return lines.reduce((sum, line) => sum + line.amountMinor, 0);
}

/** Decides the rewards of one payment: the transfers to post, the state refunds will need, the messages to send. */
export function decidePaymentRewards(input: RewardInput): PaymentRewardDecision {
  const { program, referral, payment, timeZone } = input;
  const totalMinor = linesTotalMinor(payment.lines);
  const first = firstPaymentOf(referral, payment.trigger);
  const becomesFirst = first === undefined || isPaidBefore({ paidAt: payment.paidAt, id: payment.payment.id }, first);
  const superseded = supersededFirstOf(referral, payment);
  const supersededRecord = superseded ? input.supersededFirst : undefined;
  if (supersededRecord) {
    assert(
      supersededRecord.payment.id === superseded!.id && supersededRecord.payment.kind === superseded!.kind,
      `the reward record passed is not the superseded first ${superseded!.kind} ${superseded!.id}`,
    );
  }
  const decided = (
    marks: boolean,
    earned: { rewards: RewardState[]; transfers: Transfer[]; outbound: OutboundMessage[]; noRewardReasons: NoRewardReason[] },
  ): PaymentRewardDecision => {
    const reversal = marks && supersededRecord ? reverseSupersededFirst(input, supersededRecord, earned.transfers.length) : undefined;
    return {
      totalMinor,
      marksFirstPayment:
        marks && (referral.firstPaymentAt === undefined || payment.paidAt.getTime() < new Date(referral.firstPaymentAt).getTime()),
      countsCustomer: marks && referral.firstPaymentAt === undefined,
      marksFirstOfTrigger: marks && becomesFirst,
      rewards: earned.rewards,
      transfers: [...earned.transfers, ...(reversal?.transfers ?? [])],
      outbound: [...earned.outbound, ...(reversal?.outbound ?? [])],
      noRewardReasons: earned.noRewardReasons,
      ...(reversal?.changed ? { supersededRecord: reversal.record } : {}),
      reversalAccrualDeltas: reversal?.accrualDeltas ?? [],
      reversalTopUps: reversal?.topUpReversals ?? [],
    };
  };
  const nothing = (reasons: NoRewardReason[], marks: boolean) =>
    decided(marks, { rewards: [], transfers: [], outbound: [], noRewardReasons: reasons });
  // A free (zero) invoice is not a payment: it neither earns nor uses up the first payment.
  if (totalMinor === 0) return nothing(["nothing_paid"], false);
  // Before the referral existed the customer was no referee: such a payment neither earns nor uses up the first.
  if (payment.paidAt.getTime() < new Date(referral.attributedAt).getTime()) return nothing(["paid_before_attribution"], false);
  // A fraudulent referral is frozen: not even its first-payment marks move.
  if (referral.status === "fraudulent") return nothing(["referral_fraudulent"], false);
  if (referral.referrerAccountId === payment.refereeAccountId || referral.referrerAccountId === payment.payerAccountId)
    return nothing(["self_referral"], true);
  if (program.status !== "active") return nothing(["program_paused"], true);
  const rules = program.rewards.filter((rule) => rule.trigger === payment.trigger);
  if (rules.length === 0) return nothing(["no_rule_for_trigger"], true);

  const firstOfTriggerAt = becomesFirst ? undefined : first?.paidAt;
  const rewards: RewardState[] = [];
  const transfers: Transfer[] = [];
  const outbound: OutboundMessage[] = [];
  const noRewardReasons: NoRewardReason[] = [];
  for (const rule of rules) {
    if (!recurrenceAllows(rule, firstOfTriggerAt, payment.paidAt, timeZone)) {
      noRewardReasons.push("recurrence_ended");
      continue;
    }
    const basisMinor = eligibleAmountMinor(payment.lines, rule.excludedCategories);
    const earnedMinor = shareOfMinor(basisMinor, rule.rateBps);
    if (earnedMinor === 0) {
      noRewardReasons.push("nothing_eligible");
      continue;
    }
    // Only a first_payment rule earns because this payment replaced the first: it names the reason.
    const replaced = rule.recurrence.kind === "first_payment" ? superseded : undefined;
    const transfer = rewardTransfer(input, rule, transfers.length, basisMinor, earnedMinor, replaced);
    transfers.push(transfer);
    rewards.push({
      transferId: transfer.transferId,
      ruleId: rule.ruleId,
      programId: program.programId,
      referrerAccountId: referral.referrerAccountId,
      payoutAs: rule.payoutAs,
      rateBps: rule.rateBps,
      basisMinor,
      earnedMinor,
      periodId: transfer.periodId!,
      clawedBackMinor: 0,
      basisClawedBackMinor: 0,
    });
    const message = mechanicOf(rule.payoutAs).earnedMessage({
      transfer,
      refereeAccountId: payment.refereeAccountId,
      payment: payment.payment,
    });
    if (message) outbound.push(message);
  }
  return decided(true, { rewards, transfers, outbound, noRewardReasons });
}

/**
 * The superseded first's first_payment rewards, reversed in full in the superseding payment's effect
 * (its months-N and lifetime rewards stay: the window of months N is checked after the effect).
 */
function reverseSupersededFirst(input: RewardInput, record: PaymentRewardItem, firstTransferIndex: number) {
  const { payment } = input;
  const firstPaymentRuleIds = new Set(
    input.program.rewards.filter((rule) => rule.recurrence.kind === "first_payment").map((rule) => rule.ruleId),
  );
  return decideRewardReversal({
    record,
    ruleIds: firstPaymentRuleIds,
    reason: "first_payment_superseded",
    because: `${payment.payment.kind} ${payment.payment.id}, paid ${payment.paidAt.toISOString()}, was paid before it (paid ${record.paidAt})`,
    sourceEventId: input.sourceEventId,
    sourceEventType: input.sourceEventType,
    firstTransferIndex,
    postedAt: input.postedAt,
    settledAccruals: input.settledAccruals,
  });
}

/** The half-month period a commission accrues in: the payment's, or the posting time's when the payment's is settled. */
export function accrualPeriodId(
  paymentPeriodId: string,
  postedAt: Date,
  timeZone: string,
  settledPeriodIds: ReadonlySet<string> = new Set(),
): string {
  if (!settledPeriodIds.has(paymentPeriodId)) return paymentPeriodId;
  const postedIn = periodOf(postedAt, timeZone).periodId;
  // Its run started in the last moments of the period (the run of its 00:00): the commission goes to the next one.
  const openPeriodId = settledPeriodIds.has(postedIn) ? nextPeriodId(postedIn) : postedIn;
  assert(!settledPeriodIds.has(openPeriodId), `the current period ${openPeriodId} is already settled`);
  return openPeriodId;
}

/** The reward as a transfer from the operator's expense to the referrer, as its mechanic says (a credit grant, a commission accrual). */
function rewardTransfer(
  input: RewardInput,
  rule: RewardRule,
  index: number,
  basisMinor: number,
  earnedMinor: number,
  superseded: PaymentReference | undefined,
): Transfer {
  const { program, referral, payment, timeZone } = input;
  const mechanic = mechanicOf(rule.payoutAs);
  const paymentPeriodId = periodOf(payment.paidAt, timeZone).periodId;
  const periodId = mechanic.accruesUntilSettlement
    ? accrualPeriodId(paymentPeriodId, input.postedAt, timeZone, input.settledPeriodIds)
    : paymentPeriodId;
  const late = periodId !== paymentPeriodId ? ` (late: its period ${paymentPeriodId} was already settled)` : "";
  const replaces = superseded
    ? ` (the first ${payment.payment.kind}: paid before ${superseded.kind} ${superseded.id}, which arrived first)`
    : "";
  return makeTransfer({
    index,
    debit: operatorAccount(mechanic.earning.operatorKind, payment.currency),
    credit: holderAccount(referral.referrerAccountId, mechanic.earning.holderKind, payment.currency),
    amountMinor: earnedMinor,
    code: mechanic.earning.code,
    programId: program.programId,
    sourceEventId: input.sourceEventId,
    sourceEventType: input.sourceEventType,
    periodId,
    postedAt: input.postedAt.toISOString(),
    memo: `${percent(rule.rateBps)} of ${payment.payment.kind} ${payment.payment.id} of referred account ${payment.refereeAccountId}${late}${replaces}`.slice(
      0,
      500,
    ),
    refereeAccountId: payment.refereeAccountId,
    payment: payment.payment,
    ruleId: rule.ruleId,
    rateBps: rule.rateBps,
    basisMinor,
    ...(superseded ? { reason: "replaces_later_first_payment" as const } : {}),
  });
}
