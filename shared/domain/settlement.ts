/**
 * The semi-monthly settlement of commission (Zadarma), decided without I/O (docs/ledger.md,
 * "Settlement").
 *
 * Per account, program, period and currency, once: the period's pending commission is released to
 * `commission_available` (`settlement_release`), and the whole period is paid at the rate in force at
 * settlement: the operator's individual rate for the partner, else the highest step of the program's
 * ladder that the period's active referred customers reach, else the rule's own rate. The difference
 * from what accrued is its own transfer (`tier_top_up`, from the operator's `commission_expense`; a
 * reduction goes the other way). The base and the top-up are recorded on the accrual, so a refund
 * after settlement takes back the top-up's share of the refunded base as well (`decideTopUpReversal`):
 * a full refund returns exactly what the period paid for it.
 */

import { settlementLimits } from "../limits.ts";
import type { ReferralItem } from "../schemas/items.ts";
import type { PeriodAccrualItem, SettlementRateReason } from "../schemas/ledger-items.ts";
import type { CommissionSettlement, Program, RewardRule } from "../schemas/operator-config.ts";
import type { CommissionSettledMessage } from "../schemas/outbound-messages.ts";
import { assert } from "./assert.ts";
import {
  addDays,
  addMonths,
  formatLocalDate,
  fromLocal,
  type LocalDate,
  type Period,
  periodClosedBy,
  periodOf,
  toLocal,
} from "./calendar.ts";
import { holderAccount, operatorAccount } from "./ledger/accounts.ts";
import { makeTransfer, type Transfer } from "./ledger/transfers.ts";
import { formatMoney, formatRateBps, proportionalShareMinor, shareOfMinor } from "./money.ts";

export type { SettlementRateReason };

/** The source event id of one settlement step: the step is idempotent by it. */
export function settlementIdOf(step: SettlementStep): string {
  return `settlement:${step.programId}:${step.periodId}:${step.accountId}:${step.currency}`;
}

export interface SettlementStep {
  readonly programId: string;
  readonly periodId: string;
  readonly accountId: string;
  readonly currency: string;
}

/**
 * The period a run at `runAt` settles: the half month that closed at least `holdDays` before it
 * (operator-local calendar days, so a daylight-saving change does not move it). With no hold, the run
 * at 00:00 on the 15th settles the 1st–14th and the run on the 1st the 15th–end of the month before;
 * with a 30-day hold, the run on 15 December settles 1–14 November.
 */
export function periodDueAt(runAt: Date, timeZone: string, holdDays: number): Period {
  assert(Number.isInteger(holdDays) && holdDays >= 0, "holdDays must be a non-negative integer");
  if (holdDays === 0) return periodClosedBy(runAt, timeZone);
  const local = toLocal(runAt, timeZone);
  return periodClosedBy(
    fromLocal({ ...addDays(local, -holdDays), hour: local.hour, minute: local.minute, second: local.second }, timeZone),
    timeZone,
  );
}

/** An individual per-partner rate the operator set for a program. */
export interface IndividualRate {
  readonly rateBps: number;
  readonly setAt: string;
}

export interface SettlementRate {
  readonly rateBps: number;
  readonly reason: SettlementRateReason;
}

/** What settlement applies of a program: its commission rule (the rate below the ladder) and its settings; none without either. */
export function commissionTermsOf(
  program: Program | undefined,
): { readonly rule: RewardRule; readonly settings: CommissionSettlement } | undefined {
  const rule = program?.rewards.find((candidate) => candidate.payoutAs === "commission");
  return program?.commission && rule ? { rule, settings: program.commission } : undefined;
}

/** The operator-local day from whose 00:00 `period` is due: `holdDays` days after the day after its last day. */
export function periodDueOn(period: Period, holdDays: number): LocalDate {
  return addDays(period.lastDay, 1 + holdDays);
}

/** The first scheduled run day (a 1st or a 15th) on or after `day`. */
function runDayOnOrAfter(day: LocalDate): LocalDate {
  if (day.day === 1 || day.day === 15) return day;
  return day.day < 15 ? { ...day, day: 15 } : addMonths({ ...day, day: 1 }, 1);
}

/**
 * The operator-local day of the scheduled run that settles `period`: the first 1st or 15th (00:00) on or after the
 * day it is due (`periodDueOn`), so with no hold the day after the period, with a 30-day hold a month later.
 */
export function settlementRunDayOf(period: Period, holdDays: number): string {
  return formatLocalDate(runDayOnOrAfter(periodDueOn(period, holdDays)));
}

/** The last scheduled run day (a 1st or a 15th) before `day`. */
function runDayBefore(day: LocalDate): LocalDate {
  if (day.day > 15) return { ...day, day: 15 };
  if (day.day > 1) return { ...day, day: 1 };
  return { ...addMonths(day, -1), day: 15 };
}

/**
 * What a run at `runAt` settles: the periods whose scheduled run it is (`settlementRunDayOf` after the last
 * scheduled run day before it and no later than its own day; oldest first: none, one, or two when the hold is not a
 * whole number of half months), and the latest period due at it (`periodDueAt`, usually one of those), which a
 * late, missed or on-demand run settles.
 */
export function periodsSettledAt(runAt: Date, timeZone: string, holdDays: number): { readonly own: Period[]; readonly latest: Period } {
  const latest = periodDueAt(runAt, timeZone, holdDays);
  const day = toLocal(runAt, timeZone);
  const today = formatLocalDate(day);
  const after = formatLocalDate(runDayBefore(day));
  const own: Period[] = [];
  for (let period = latest; ; period = periodOf(new Date(period.startsAt.getTime() - 1), timeZone)) {
    const runDay = settlementRunDayOf(period, holdDays);
    if (runDay <= after) return { own, latest };
    if (runDay <= today) own.unshift(period);
  }
}

/** The rate in force at settlement, and why. */
export function settlementRateOf(input: {
  readonly activeCustomers: number;
  readonly ruleRateBps: number;
  readonly settings: Pick<CommissionSettlement, "tiers">;
  readonly individualRate?: IndividualRate | undefined;
}): SettlementRate {
  if (input.individualRate)
    return { rateBps: input.individualRate.rateBps, reason: { kind: "individual_rate", setAt: input.individualRate.setAt } };
  let reached: (typeof input.settings.tiers)[number] | undefined;
  for (const tier of input.settings.tiers) if (input.activeCustomers >= tier.minActiveCustomers) reached = tier;
  if (reached) return { rateBps: reached.rateBps, reason: { kind: "tier", minActiveCustomers: reached.minActiveCustomers } };
  return { rateBps: input.ruleRateBps, reason: { kind: "rule_rate" } };
}

/** Says the reason in words, for memos and statements. */
export function describeRateReason(rate: SettlementRate, activeCustomers: number): string {
  const percent = formatRateBps(rate.rateBps);
  const customers = `${activeCustomers} active referred customer${activeCustomers === 1 ? "" : "s"}`;
  switch (rate.reason.kind) {
    case "individual_rate":
      return `${percent}: the partner's individual rate (set ${rate.reason.setAt}); ${customers}`;
    case "tier":
      return `${percent}: ${customers}, at least ${rate.reason.minActiveCustomers} for this tier`;
    case "rule_rate":
      return `${percent}: the program's rate; ${customers}`;
  }
}

/** What a settlement step writes on its accrual (on condition it is unchanged since read and not settled). */
export interface AccrualSettlement {
  readonly settledAt: string;
  readonly settledRateBps: number;
  readonly settledRateReason: SettlementRateReason;
  readonly settledBaseMinor: number;
  readonly topUpMinor: number;
  readonly topUpTransferId?: string;
}

export interface SettlementDecision {
  readonly step: SettlementStep;
  readonly rate: SettlementRate;
  readonly activeCustomers: number;
  readonly releasedMinor: number;
  /** Signed: positive is paid on top of what accrued, negative taken from it. */
  readonly topUpMinor: number;
  readonly transfers: readonly Transfer[];
  readonly accrualSettlement: AccrualSettlement;
  readonly message: CommissionSettledMessage;
}

/**
 * The one rate a period accrued at, or undefined when its accruals were at more than one (the rule's rate changed
 * within the period): all equal exactly when count × Σ rate² = (Σ rate)². An accrual written before the sums were
 * kept says its last rate (or, without one, the rule's).
 */
export function uniformAccrualRateOf(
  accrual: Pick<PeriodAccrualItem, "accrualRateBps" | "accrualRateCount" | "accrualRateSum" | "accrualRateSquareSum">,
  ruleRateBps: number,
): number | undefined {
  const { accrualRateCount: count, accrualRateSum: sum, accrualRateSquareSum: squares } = accrual;
  if (count === undefined || sum === undefined || squares === undefined || count === 0) return accrual.accrualRateBps ?? ruleRateBps;
  return BigInt(count) * BigInt(squares) === BigInt(sum) * BigInt(sum) ? sum / count : undefined;
}

/** Decides the settlement of one unsettled period accrual. */
export function decideSettlement(input: {
  readonly accrual: PeriodAccrualItem;
  readonly ruleRateBps: number;
  readonly settings: Pick<CommissionSettlement, "tiers">;
  readonly individualRate?: IndividualRate | undefined;
  readonly postedAt: Date;
}): SettlementDecision {
  const { accrual } = input;
  assert(!accrual.settledAt, `accrual ${accrual.periodId} of ${accrual.accountId} is settled already`);
  assert(accrual.accruedMinor >= 0 && accrual.baseMinor >= 0, "an accrual never goes below zero");
  const step = { programId: accrual.programId, periodId: accrual.periodId, accountId: accrual.accountId, currency: accrual.currency };
  const sourceEventId = settlementIdOf(step);
  const rate = settlementRateOf({
    activeCustomers: accrual.activeCustomers,
    ruleRateBps: input.ruleRateBps,
    settings: input.settings,
    individualRate: input.individualRate,
  });
  // At the one rate it accrued at throughout, the period keeps what each payment earned (rounded one by one); at another,
  // or when the rule's rate changed within the period, the whole base is paid at the rate in force at settlement.
  const accruedAt = uniformAccrualRateOf(accrual, input.ruleRateBps);
  const topUpMinor = rate.rateBps === accruedAt ? 0 : shareOfMinor(accrual.baseMinor, rate.rateBps) - accrual.accruedMinor;
  const because = describeRateReason(rate, accrual.activeCustomers);
  const postedAt = input.postedAt.toISOString();
  const common = {
    sourceEventId,
    sourceEventType: "commission.settlement",
    postedAt,
    programId: accrual.programId,
    periodId: accrual.periodId,
  };
  const pending = holderAccount(accrual.accountId, "commission_pending", accrual.currency);
  const available = holderAccount(accrual.accountId, "commission_available", accrual.currency);
  const expense = operatorAccount("commission_expense", accrual.currency);
  const transfers: Transfer[] = [];
  if (accrual.accruedMinor > 0)
    transfers.push(
      makeTransfer({
        ...common,
        index: 0,
        debit: pending,
        credit: available,
        amountMinor: accrual.accruedMinor,
        code: "settlement_release",
        memo: `period ${accrual.periodId} settled: ${formatMoney({ amountMinor: accrual.accruedMinor, currency: accrual.currency })} released`,
      }),
    );
  let topUpTransferId: string | undefined;
  if (topUpMinor !== 0) {
    const topUp = makeTransfer({
      ...common,
      index: 1,
      debit: topUpMinor > 0 ? expense : available,
      credit: topUpMinor > 0 ? available : expense,
      amountMinor: Math.abs(topUpMinor),
      code: "tier_top_up",
      rateBps: rate.rateBps,
      basisMinor: accrual.baseMinor,
      memo: `period ${accrual.periodId} paid at ${because}: ${topUpMinor > 0 ? "top-up" : "reduction"} of ${formatMoney({ amountMinor: Math.abs(topUpMinor), currency: accrual.currency })}`,
    });
    topUpTransferId = topUp.transferId;
    transfers.push(topUp);
  }
  const accrualSettlement: AccrualSettlement = {
    settledAt: postedAt,
    settledRateBps: rate.rateBps,
    settledRateReason: rate.reason,
    settledBaseMinor: accrual.baseMinor,
    topUpMinor,
    ...(topUpTransferId === undefined ? {} : { topUpTransferId }),
  };
  return {
    step,
    rate,
    activeCustomers: accrual.activeCustomers,
    releasedMinor: accrual.accruedMinor,
    topUpMinor,
    transfers,
    accrualSettlement,
    message: {
      type: "commission.settled",
      version: 1,
      settlementId: sourceEventId,
      accountId: accrual.accountId,
      programId: accrual.programId,
      periodId: accrual.periodId,
      currency: accrual.currency,
      accruedMinor: accrual.accruedMinor,
      baseMinor: accrual.baseMinor,
      rateBps: rate.rateBps,
      rateReason: rate.reason,
      activeCustomers: accrual.activeCustomers,
      topUpMinor,
      settledMinor: accrual.accruedMinor + topUpMinor,
      transferIds: transfers.map((transfer) => transfer.transferId),
      settledAt: postedAt,
    },
  };
}

/** What a settled accrual recorded, for clawbacks of its payments after settlement. */
export interface SettledAccrual {
  readonly accountId: string;
  readonly programId: string;
  readonly periodId: string;
  readonly currency: string;
  readonly settledBaseMinor: number;
  readonly topUpMinor: number;
  readonly topUpTransferId?: string | undefined;
  readonly baseReversedAfterSettlementMinor: number;
  readonly topUpReversedMinor: number;
}

export function settledAccrualOf(item: PeriodAccrualItem): SettledAccrual | undefined {
  if (!item.settledAt) return undefined;
  return {
    accountId: item.accountId,
    programId: item.programId,
    periodId: item.periodId,
    currency: item.currency,
    settledBaseMinor: item.settledBaseMinor ?? item.baseMinor,
    topUpMinor: item.topUpMinor ?? 0,
    topUpTransferId: item.topUpTransferId,
    baseReversedAfterSettlementMinor: item.baseReversedAfterSettlementMinor ?? 0,
    topUpReversedMinor: item.topUpReversedMinor ?? 0,
  };
}

/** A settled accrual after a reversal of part of its base, and the transfer that takes back the top-up's share. */
export interface TopUpReversal {
  readonly accrual: SettledAccrual;
  /** What the accrual recorded before (the write's condition). */
  readonly read: SettledAccrual;
  readonly transfer?: Transfer;
}

/**
 * Takes back the top-up's share of `basisMinor` of refunded base (cumulative, so a full refund of the
 * period's payments takes back exactly the top-up; a reduction is given back the same way). Undefined
 * when the period was paid at its accrual rate (no top-up): nothing to record.
 */
export function decideTopUpReversal(input: {
  readonly accrual: SettledAccrual;
  readonly basisMinor: number;
  readonly sourceEventId: string;
  readonly sourceEventType: string;
  readonly index: number;
  readonly postedAt: Date;
  readonly memo: string;
}): TopUpReversal | undefined {
  const { accrual } = input;
  if (accrual.topUpMinor === 0 || input.basisMinor <= 0 || accrual.settledBaseMinor <= 0) return undefined;
  const reversedBase = Math.min(accrual.baseReversedAfterSettlementMinor + input.basisMinor, accrual.settledBaseMinor);
  const reversedTopUp = proportionalShareMinor(accrual.topUpMinor, reversedBase, accrual.settledBaseMinor);
  const deltaMinor = reversedTopUp - accrual.topUpReversedMinor;
  const next = { ...accrual, baseReversedAfterSettlementMinor: reversedBase, topUpReversedMinor: reversedTopUp };
  if (deltaMinor === 0) return { accrual: next, read: accrual };
  const available = holderAccount(accrual.accountId, "commission_available", accrual.currency);
  const expense = operatorAccount("commission_expense", accrual.currency);
  // Reverses the top-up: its accounts swapped (a top-up comes back from available, a reduction is given back to it).
  const transfer = makeTransfer({
    index: input.index,
    debit: deltaMinor > 0 ? available : expense,
    credit: deltaMinor > 0 ? expense : available,
    amountMinor: Math.abs(deltaMinor),
    code: "tier_top_up",
    sourceEventId: input.sourceEventId,
    sourceEventType: input.sourceEventType,
    postedAt: input.postedAt.toISOString(),
    programId: accrual.programId,
    periodId: accrual.periodId,
    memo: input.memo,
    ...(accrual.topUpTransferId === undefined ? {} : { reversesTransferId: accrual.topUpTransferId }),
  });
  return { accrual: next, read: accrual, transfer };
}

/**
 * Whether a commissioned payment of the referee counts it as an active customer of the accrual
 * (`program#period#currency`): once per accrual. The referral keeps the newest
 * `settlementLimits.commissionedPeriodsKept` accruals it was counted in; an accrual is always one of the few
 * unsettled periods, so an older one is never asked about.
 */
export function activeCustomerMark(
  referral: Pick<ReferralItem, "commissionedPeriods">,
  accrual: Omit<SettlementStep, "accountId">,
): { readonly counts: boolean; readonly commissionedPeriods: readonly string[] } {
  const mark = `${accrual.programId}#${accrual.periodId}#${accrual.currency}`;
  const read = referral.commissionedPeriods ?? [];
  if (read.includes(mark)) return { counts: false, commissionedPeriods: read };
  const byPeriod = (entry: string) => entry.split("#")[1] ?? "";
  const commissionedPeriods = [...read, mark]
    .sort((a, b) => byPeriod(b).localeCompare(byPeriod(a)) || a.localeCompare(b))
    .slice(0, settlementLimits.commissionedPeriodsKept);
  return { counts: true, commissionedPeriods };
}
